package cn.nantong.tongtongzai.evaluation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.platform.neo4j.RowLocks;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.CompleteInterviewFollowUpInput;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.Interview;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.InterviewOutcome;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.RecordInterviewInput;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.platform.neo4j.StateAction;
import cn.nantong.tongtongzai.platform.neo4j.StateChanges;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.time.Period;

/**
 * 约谈记录: the member's unit secretary or the community's managers record the interview of a member on the
 * year's interview list — when, by whom, the outcome, notes and, for an improvement plan, the day to look
 * again — and later that the follow-up was done. One interview per member and year: a second talk in the same
 * year belongs in the follow-up, so the list shows one clear answer per row.
 */
@Service
class InterviewWriter {

    static final int MAX_NOTES = 2000;
    static final int MAX_INTERVIEWER = 100;

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;
    private final EvaluationService evaluations;
    private final InterviewService interviews;
    private final StateChanges history;

    InterviewWriter(Neo4jClient neo4j, WriteTransactions transactions, EvaluationService evaluations,
            InterviewService interviews, StateChanges history) {
        this.neo4j = neo4j;
        this.transactions = transactions;
        this.evaluations = evaluations;
        this.interviews = interviews;
        this.history = history;
    }

    Interview record(RecordInterviewInput input, Actor actor) {
        int year = input.year() == null ? 0 : input.year();
        Period.year(year);
        LocalDate today = LocalDate.now(Period.ZONE);
        Validation v = new Validation();
        LocalDate heldOn = input.heldOn();
        LocalDate followUpOn = input.followUpOn();
        v.require(heldOn != null, "heldOn", ErrorCode.INVALID_DATE, "请填写约谈日期。");
        String interviewer = text(input.interviewer(), MAX_INTERVIEWER, false);
        String notes = text(input.notes(), MAX_NOTES, true);
        v.require(interviewer != null, "interviewer", ErrorCode.INVALID_INTERVIEWER,
                        "约谈人须为2至" + MAX_INTERVIEWER + "个字符，例如“单位党委书记 王某”。")
                .require(notes != null, "notes", ErrorCode.INVALID_NOTES, "约谈记录须为2至" + MAX_NOTES + "个字符。")
                .require(input.outcome() != null, "outcome", ErrorCode.INVALID_OUTCOME, "请选择约谈结果。");
        if (heldOn != null) {
            v.require(!heldOn.isAfter(today), "heldOn", ErrorCode.INVALID_DATE, "约谈日期不能晚于今天。")
                    .require(heldOn.getYear() >= year, "heldOn", ErrorCode.INVALID_DATE, "约谈日期不能早于名单所属年度。");
        }
        if (heldOn != null && followUpOn != null) {
            v.require(!followUpOn.isBefore(heldOn) && !followUpOn.isAfter(heldOn.plusYears(1)), "followUpOn",
                    ErrorCode.INVALID_DATE, "跟进日期须在约谈之日起一年内。");
        }
        v.require(input.outcome() != InterviewOutcome.IMPROVEMENT_PLAN || followUpOn != null,
                "followUpOn", ErrorCode.FOLLOW_UP_REQUIRED, "限期整改须填写跟进日期。");
        v.throwIfInvalid();
        try {
            return transactions.execute(status -> {
                // the member's lock: two secretaries recording at once take turns, and the second sees the first
                boolean member = neo4j.query("MATCH (m:Member {id: $id}) " + RowLocks.lock("m") + " RETURN true")
                        .bind(nonNull(input.memberId())).to("id").fetchAs(Boolean.class).one().orElse(false);
                if (!member) {
                    throw new UserInputException(ErrorCode.MEMBER_NOT_FOUND, "找不到该党员。");
                }
                if (evaluations.interviewStanding(input.memberId(), year).isEmpty()) {
                    throw new UserInputException(ErrorCode.NOT_ON_INTERVIEW_LIST,
                            "该党员不在" + year + "年度约谈名单中（满意度未低于70%，也无未撤销的负面清单记录）。");
                }
                if (!interviews.interviewsByMemberYear(java.util.List.of(InterviewService.memberYear(input.memberId(), year))).isEmpty()) {
                    throw alreadyInterviewed(year);
                }
                String id = "IV-" + UUID.randomUUID();
                Map<String, Object> parameters = new HashMap<>();
                parameters.put("id", id);
                parameters.put("memberId", input.memberId());
                parameters.put("memberYear", InterviewService.memberYear(input.memberId(), year));
                parameters.put("year", year);
                parameters.put("heldOn", heldOn);
                parameters.put("interviewer", interviewer);
                parameters.put("outcome", input.outcome().name());
                parameters.put("notes", notes);
                parameters.put("followUpOn", followUpOn);
                parameters.put("actor", actor.id());
                neo4j.query("""
                        MATCH (m:Member {id: $memberId})
                        CREATE (m)-[:HAD_INTERVIEW]->(:Interview {id: $id, memberYear: $memberYear, year: $year, heldOn: $heldOn,
                                                                 interviewer: $interviewer, outcome: $outcome, notes: $notes,
                                                                 followUpOn: $followUpOn, recordedBy: $actor, recordedAt: datetime()})""")
                        .bindAll(parameters).run();
                return interviews.interview(id).orElseThrow();
            });
        } catch (DataIntegrityViolationException concurrent) {
            throw alreadyInterviewed(year);
        }
    }

    Interview completeFollowUp(CompleteInterviewFollowUpInput input, Actor actor) {
        String notes = text(input.notes(), MAX_NOTES, true);
        new Validation().require(notes != null, "notes", ErrorCode.INVALID_NOTES, "跟进情况须为2至" + MAX_NOTES + "个字符。")
                .throwIfInvalid();
        return transactions.execute(status -> {
            Map<String, Object> row = neo4j.query("""
                    MATCH (i:Interview {id: $id})
                    """ + RowLocks.lock("i") + """
                    RETURN i.followUpOn IS NOT NULL AS planned, i.followUpDoneAt IS NOT NULL AS done""")
                    .bind(nonNull(input.interviewId())).to("id").fetch().one()
                    .orElseThrow(() -> new UserInputException(ErrorCode.INTERVIEW_NOT_FOUND, "找不到该约谈记录。"));
            if (!Boolean.TRUE.equals(row.get("planned"))) {
                throw new UserInputException(ErrorCode.NO_FOLLOW_UP, "该约谈未安排跟进。");
            }
            if (Boolean.TRUE.equals(row.get("done"))) {
                throw new UserInputException(ErrorCode.INVALID_STATE_TRANSITION, "该约谈的跟进已完成。");
            }
            neo4j.query("""
                    MATCH (i:Interview {id: $id})
                    SET i.followUpDoneAt = datetime(), i.followUpDoneBy = $actor, i.followUpNotes = $notes""")
                    .bindAll(Map.of("id", input.interviewId(), "actor", actor.id(), "notes", notes)).run();
            history.record("Interview", input.interviewId(), StateAction.COMPLETE_FOLLOW_UP, "FOLLOW_UP_PLANNED", "FOLLOW_UP_DONE",
                    actor.id(), notes);
            return interviews.interview(input.interviewId()).orElseThrow();
        });
    }

    /** Trimmed text of 2 … max characters (line breaks only where {@code lines}), or null. */
    static String text(String value, int max, boolean lines) {
        String trimmed = value == null ? "" : value.strip();
        boolean clean = trimmed.chars().filter(Character::isISOControl).allMatch(c -> lines && (c == '\n' || c == '\r'));
        return trimmed.length() >= 2 && trimmed.length() <= max && clean ? trimmed : null;
    }

    private static UserInputException alreadyInterviewed(int year) {
        return new UserInputException(ErrorCode.ALREADY_INTERVIEWED, "该党员" + year + "年度的约谈已记录；再次谈话请记入跟进情况。");
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
