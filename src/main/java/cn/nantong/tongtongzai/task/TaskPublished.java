package cn.nantong.tongtongzai.task;

/**
 * A task was published (published inside its transaction): matching jobs running for its community take it in
 * once it committed, without restarting — how an emergency gets its proposal in real time; the notification
 * feature tells the members it fits, or the leaders of the teams it went to, before it commits.
 */
public record TaskPublished(String taskId, String communityId, String kind, String audience) {
}
