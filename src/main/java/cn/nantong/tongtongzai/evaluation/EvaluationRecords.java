package cn.nantong.tongtongzai.evaluation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Values, inputs and payloads of graphql/evaluation.graphqls. */
final class EvaluationRecords {

    private EvaluationRecords() {
    }

    /** 活动评单 — one rater's rating of one claim. */
    record Evaluation(String id, String claimId, String raterRole, String raterId, int score, String comment,
            OffsetDateTime ratedAt, String ratedBy) {
    }

    /** Ratings in a period: satisfied / ratings; rate is null without ratings. */
    record Satisfaction(LocalDate from, LocalDate to, int ratings, int satisfied, Double rate) {
    }

    /**
     * A member's standing in a year, for the interview and award lists. On the interview list, {@code reasons}
     * says why the member is on it and {@code negativeEntries} holds the year's unrevoked entries (newest first,
     * bounded); both are empty on the award list.
     */
    record MemberStanding(String memberId, int year, int ratings, int satisfied, Double rate, double hours,
            List<InterviewReason> reasons, List<NegativeListEntry> negativeEntries) {
    }

    /** Why a member is on the interview list (约谈原因). */
    enum InterviewReason {
        /** 满意度低于70%: at least the minimum of ratings in the year, satisfaction below the threshold. */
        LOW_SATISFACTION,
        /** 负面清单所列情形: an entry recorded in the year and not revoked. */
        NEGATIVE_LIST
    }

    /** What an interview concluded (约谈结果). */
    enum InterviewOutcome {
        /** 无需处理: the cause was explained (e.g. a rating given in error). */
        NO_ACTION,
        /** 提醒谈话: reminded of their duties, nothing more. */
        REMINDER,
        /** 限期整改: an improvement plan with a date to look again (followUpOn required). */
        IMPROVEMENT_PLAN,
        /** 批评教育: a formal warning. */
        WARNING,
        /** 移交党组织处理: handed to the member's party organisation. */
        REFERRED
    }

    /** 约谈记录 — one interview of a member on the interview list of a year. */
    record Interview(String id, String memberId, int year, LocalDate heldOn, String interviewer, InterviewOutcome outcome,
            String notes, LocalDate followUpOn, String followUpNotes, OffsetDateTime followUpDoneAt, String followUpDoneBy,
            String recordedBy, OffsetDateTime recordedAt) {

        public boolean followUpDone() {
            return followUpDoneAt != null;
        }
    }

    record RecordInterviewInput(String memberId, Integer year, LocalDate heldOn, String interviewer,
            InterviewOutcome outcome, String notes, LocalDate followUpOn) {
    }

    record CompleteInterviewFollowUpInput(String interviewId, String notes) {
    }

    record InterviewPayload(Interview interview) {
    }

    /** What a unit sends back to the community about a member's report-back (单位反馈). */
    enum FeedbackKind {
        /** 意见: a remark or request. */
        COMMENT,
        /** 表扬: a commendation. */
        COMMENDATION
    }

    /** 单位反馈 — a unit's comment or commendation on one member's quarter, sent to the community they serve. */
    record UnitFeedback(String id, String unitId, String memberId, String communityId, String quarter, FeedbackKind kind,
            String text, String writtenBy, OffsetDateTime writtenAt) {
    }

    record CommentOnReportBackInput(String unitId, String memberId, String quarter, FeedbackKind kind, String text) {
    }

    record UnitFeedbackPayload(UnitFeedback feedback) {
    }

    record NegativeListEntry(String id, String memberId, String communityId, String reason, OffsetDateTime recordedAt,
            String recordedBy, OffsetDateTime revokedAt, String revokeReason) {
    }

    /** One member's row of a unit's quarterly report-back (报回单位); unitId and quarter find the unit's feedback. */
    record ReportBackRow(String unitId, String quarter, String memberId, String registrationState, String communityId, List<String> posts, int claims,
            int tasksCompleted, double hours, int ratings, Double satisfaction) {
    }

    record JointMeeting(String id, String communityId, String title, LocalDate heldOn, String quarter, String recordedBy,
            List<MeetingProblem> problems) {
    }

    record MeetingProblem(String id, String description, String state, String resolution, OffsetDateTime resolvedAt,
            ProblemOwner owner) {
    }

    record ProblemOwner(String id, String name, String kind) {
    }

    record ResolutionRate(LocalDate from, LocalDate to, int raised, int resolved, Double rate) {
    }

    record KindCount(String kind, int count) {
    }

    /** 日汇总、周研判、月总结 of one community. */
    record CommunitySummary(String communityId, String period, LocalDate from, LocalDate to, int requestsReceived,
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

    record RecordJointMeetingInput(String communityId, String title, LocalDate heldOn, List<MeetingProblemInput> problems) {
    }

    record ResolveProblemInput(String problemId, String resolution) {
    }

    record JointMeetingPayload(JointMeeting meeting) {
    }
}
