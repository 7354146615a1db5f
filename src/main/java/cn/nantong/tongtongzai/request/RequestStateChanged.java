package cn.nantong.tongtongzai.request;

/**
 * A request changed state (published inside the changing transaction): the community decided it ({@code to} is
 * ACCEPTED, MERGED or REJECTED, then with the {@code reason} the resident sees), or its task decided it — RESOLVED
 * when the task {@code taskId} was completed, SUBMITTED again when it was cancelled ({@code reason}: why).
 */
public record RequestStateChanged(String requestId, String to, String reason, String taskId, String taskTitle) {

    /** The community's decision, without a task. */
    public RequestStateChanged(String requestId, String to, String reason) {
        this(requestId, to, reason, null, null);
    }
}
