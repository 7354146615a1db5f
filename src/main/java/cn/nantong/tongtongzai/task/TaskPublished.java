package cn.nantong.tongtongzai.task;

/**
 * A task was published (sent once its transaction committed): matching jobs running for its community
 * take it in without restarting — how an emergency gets its proposal in real time.
 */
public record TaskPublished(String taskId, String communityId, String kind, String audience) {
}
