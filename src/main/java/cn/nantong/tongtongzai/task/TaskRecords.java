package cn.nantong.tongtongzai.task;

import cn.nantong.tongtongzai.platform.graphql.OrderDirection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** GraphQL inputs and payloads of graphql/task.graphqls. */
public final class TaskRecords {

    private TaskRecords() {
    }

    public record CreateTaskInput(String communityId, String title, String description, String kind, Integer difficulty,
            Integer headcount, OffsetDateTime startsAt, OffsetDateTime endsAt, String placeId, List<String> skillIds, String categoryId,
            String audience, List<String> teamIds) {
    }

    record UpdateTaskInput(String id, String title, String description, Integer difficulty, Integer headcount,
            OffsetDateTime startsAt, OffsetDateTime endsAt, String placeId, List<String> skillIds, String categoryId,
            List<String> teamIds) {
    }

    record TaskIdInput(String taskId) {
    }

    record CancelTaskInput(String taskId, String reason) {
    }

    record TaskPayload(Task task) {
    }

    record TaskFilter(String communityId, String state, String kind, String audience, String memberId, String teamId,
            String gridId, String search, LocalDate from, LocalDate to) {
    }

    /** How the tasks table is sorted: by one field, then by id. */
    record TaskOrder(TaskOrderField field, OrderDirection direction) {

        TaskOrder {
            direction = direction == null ? OrderDirection.ASC : direction;
        }

        String cypher() {
            return direction.orderBy(switch (field) {
                case STARTS_AT -> "t.startsAt";
                case CREATED_AT -> "t.createdAt";
                case TITLE -> "t.title";
                case ID -> "t.id";
            }, "t.id");
        }
    }

    enum TaskOrderField {
        ID, STARTS_AT, CREATED_AT, TITLE
    }

    record ClaimTaskInput(String taskId, String memberId) {
    }

    record WithdrawClaimInput(String claimId) {
    }

    record TeamClaimInput(String taskId, String teamId) {
    }

    record ConfirmTeamClaimInput(String teamClaimId, String memberId) {
    }

    record ClaimPayload(Claim claim) {
    }

    record TeamClaimPayload(TeamClaim teamClaim) {
    }

    record CheckInput(String claimId, String verificationCode) {
    }

    record PostCheckInput(String postId, String memberId, String verificationCode) {
    }

    record CorrectHoursInput(String recordId, Double hours, String reason) {
    }

    record ServiceRecordPayload(ServiceRecord record) {
    }

    record CreateServicePostInput(String communityId, String name, String categoryId, String description) {
    }

    record UpdateServicePostInput(String id, String name, String description, Boolean active) {
    }

    record ServicePostPayload(ServicePost post) {
    }

    record PostMemberInput(String postId, String memberId) {
    }

    record ServiceHours(String period, LocalDate from, LocalDate to, double hours, int records) {
    }

    /** 下沉一线支援 of one community in one period: claims (by claim time) and hours (by check-in) given and received. */
    record StreetSupport(String period, LocalDate from, LocalDate to, int claimsGiven, double hoursGiven, int claimsReceived,
            double hoursReceived) {
    }
}
