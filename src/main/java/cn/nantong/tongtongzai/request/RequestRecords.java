package cn.nantong.tongtongzai.request;

import java.util.List;

/** GraphQL inputs and payloads of graphql/request.graphqls. */
final class RequestRecords {

    private RequestRecords() {
    }

    record PostRequestInput(String residentId, String text, String categoryId, String placeId, String urgency,
            String preferredFrom, String preferredTo, String enteredById, String clientRequestId) {
    }

    record NewTaskInput(String title, String description, String kind, Integer difficulty, Integer headcount,
            String startsAt, String endsAt, String placeId, List<String> skillIds, String categoryId, String audience,
            List<String> teamIds) {
    }

    record AcceptRequestInput(String requestId, String taskId, NewTaskInput newTask) {
    }

    record MergeRequestInput(String requestId, String intoRequestId) {
    }

    record RejectRequestInput(String requestId, String reason) {
    }

    record RequestPayload(Request request) {
    }

    record RequestFilter(String communityId, String state, String residentId, String categoryId, String urgency,
            String gridId, String buildingId) {
    }
}
