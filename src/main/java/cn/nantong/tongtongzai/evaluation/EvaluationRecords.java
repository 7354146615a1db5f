package cn.nantong.tongtongzai.evaluation;

import java.util.List;

/** Values, inputs and payloads of graphql/evaluation.graphqls. */
final class EvaluationRecords {

    private EvaluationRecords() {
    }

    /** 活动评单 — one rater's rating of one claim. */
    record Evaluation(String id, String claimId, String raterRole, String raterId, int score, String comment,
            String ratedAt, String ratedBy) {
    }

    /** Ratings in a period: satisfied / ratings; rate is null without ratings. */
    record Satisfaction(String from, String to, int ratings, int satisfied, Double rate) {
    }

    /** A member's standing in a year, for the interview and award lists. */
    record MemberStanding(String memberId, int ratings, int satisfied, Double rate, double hours) {
    }

    record NegativeListEntry(String id, String memberId, String communityId, String reason, String recordedAt,
            String recordedBy, String revokedAt, String revokeReason) {
    }

    /** One member's row of a unit's quarterly report-back (报回单位). */
    record ReportBackRow(String memberId, String registrationState, String communityId, List<String> posts, int claims,
            int tasksCompleted, double hours, int ratings, Double satisfaction) {
    }

    record JointMeeting(String id, String communityId, String title, String heldOn, String quarter, String recordedBy,
            List<MeetingProblem> problems) {
    }

    record MeetingProblem(String id, String description, String state, String resolution, String resolvedAt,
            ProblemOwner owner) {
    }

    record ProblemOwner(String id, String name, String kind) {
    }

    record ResolutionRate(String from, String to, int raised, int resolved, Double rate) {
    }

    record KindCount(String kind, int count) {
    }

    /** 日汇总、周研判、月总结 of one community. */
    record CommunitySummary(String communityId, String period, String from, String to, int requestsReceived,
            int requestsResolved, int requestsOpen, List<KindCount> tasksByKind, int tasksCancelled, int claims,
            int membersServed, double serviceHours, int ratings, int satisfied, Double satisfactionRate) {
    }

    record RateClaimInput(String claimId, String raterRole, String raterId, Integer score, String comment) {
    }

    record EvaluationPayload(Evaluation evaluation) {
    }

    record NegativeListInput(String memberId, String communityId, String reason) {
    }

    record RevokeNegativeListInput(String entryId, String reason) {
    }

    record NegativeListPayload(NegativeListEntry entry) {
    }

    record MeetingProblemInput(String description, String ownerId) {
    }

    record RecordJointMeetingInput(String communityId, String title, String heldOn, List<MeetingProblemInput> problems) {
    }

    record ResolveProblemInput(String problemId, String resolution) {
    }

    record JointMeetingPayload(JointMeeting meeting) {
    }
}
