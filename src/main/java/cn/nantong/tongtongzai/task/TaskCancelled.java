package cn.nantong.tongtongzai.task;

import java.util.List;

/**
 * A task was cancelled with a reason (published inside the cancelling transaction): the members who held a seat
 * lost it ({@code claimHolderIds}) and the requests it was to serve went back for review ({@code reopenedRequestIds}).
 */
public record TaskCancelled(String taskId, String reason, List<String> claimHolderIds, List<String> reopenedRequestIds) {

    public TaskCancelled {
        claimHolderIds = List.copyOf(claimHolderIds);
        reopenedRequestIds = List.copyOf(reopenedRequestIds);
    }
}
