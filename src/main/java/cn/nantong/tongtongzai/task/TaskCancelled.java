package cn.nantong.tongtongzai.task;

import java.util.List;

/**
 * A task was cancelled with a reason (published inside the cancelling transaction, so what listeners write commits
 * with it): the members who held a seat lost it ({@code claimHolderIds}), and the request feature sends the requests
 * it was to serve back for review.
 */
public record TaskCancelled(String taskId, String title, String reason, List<String> claimHolderIds, String actorId) {

    public TaskCancelled {
        claimHolderIds = List.copyOf(claimHolderIds);
    }
}
