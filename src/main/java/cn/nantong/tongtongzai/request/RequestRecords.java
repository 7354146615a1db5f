package cn.nantong.tongtongzai.request;

import cn.nantong.tongtongzai.platform.graphql.OrderDirection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** GraphQL inputs and payloads of graphql/request.graphqls. */
final class RequestRecords {

    private RequestRecords() {
    }

    record PostRequestInput(String residentId, String text, String categoryId, String placeId, String urgency,
            OffsetDateTime preferredFrom, OffsetDateTime preferredTo, String enteredById, String clientRequestId) {
    }

    record NewTaskInput(String title, String description, String kind, Integer difficulty, Integer headcount,
            OffsetDateTime startsAt, OffsetDateTime endsAt, String placeId, List<String> skillIds, String categoryId, String audience,
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
            String gridId, String buildingId, String search, LocalDate from, LocalDate to) {
    }

    /** How the requests table is sorted: by one field, then by id. */
    record RequestOrder(RequestOrderField field, OrderDirection direction) {

        RequestOrder {
            direction = direction == null ? OrderDirection.ASC : direction;
        }

        String cypher() {
            return direction.orderBy(switch (field) {
                case SUBMITTED_AT -> "r.submittedAt";
                // the urgency's rank, not its name's alphabet
                case URGENCY -> "CASE r.urgency WHEN 'LOW' THEN 0 WHEN 'NORMAL' THEN 1 WHEN 'HIGH' THEN 2 ELSE 3 END";
                case ID -> "r.id";
            }, "r.id");
        }
    }

    enum RequestOrderField {
        ID, SUBMITTED_AT, URGENCY
    }
}
