package cn.nantong.tongtongzai.task;

/**
 * A task was completed (published inside the completing transaction, so what listeners write commits with it):
 * the request feature resolves the residents' requests it served. Named by id only: the task package knows no
 * requests.
 */
public record TaskCompleted(String taskId, String title, String actorId) {
}
