package cn.nantong.tongtongzai.request;

/**
 * The community decided a request (published inside the deciding transaction): {@code to} is ACCEPTED, MERGED or
 * REJECTED (then with the {@code reason} the resident sees). Resolving and reopening happen with the task
 * ({@code task.TaskCompleted}, {@code task.TaskCancelled}).
 */
public record RequestStateChanged(String requestId, String to, String reason) {
}
