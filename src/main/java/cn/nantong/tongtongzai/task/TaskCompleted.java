package cn.nantong.tongtongzai.task;

import java.util.List;

/**
 * A task was completed (published inside the completing transaction), resolving the residents' requests it
 * served and their duplicates ({@code resolvedRequestIds}). Named by id only: the task package knows no requests.
 */
public record TaskCompleted(String taskId, List<String> resolvedRequestIds) {

    public TaskCompleted {
        resolvedRequestIds = List.copyOf(resolvedRequestIds);
    }
}
