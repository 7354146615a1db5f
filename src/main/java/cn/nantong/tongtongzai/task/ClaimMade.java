package cn.nantong.tongtongzai.task;

/**
 * A member took a seat on a task (published inside the claiming transaction): by their own choice, a secretary's
 * assignment, an accepted matching proposal or a team confirmation ({@code source}). The notification feature
 * tells the member when someone else put them there.
 */
public record ClaimMade(String claimId, String taskId, String memberId, ClaimService.Source source) {
}
