package cn.nantong.tongtongzai.evaluation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.platform.neo4j.RowLocks;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.CommentOnReportBackInput;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.UnitFeedback;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.time.Period;

/**
 * 双向沟通: the unit talks back. Its party secretary comments on or commends a member's quarter of the
 * report-back (报回单位), and the feedback goes to the community where the member is registered when it is
 * written — the community the quarter's service was for. Kept as it was written: feedback is a letter, not a
 * record to edit.
 */
@Service
class UnitFeedbackWriter {

    static final int MAX_TEXT = 500;

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;
    private final InterviewService interviews;

    UnitFeedbackWriter(Neo4jClient neo4j, WriteTransactions transactions, InterviewService interviews) {
        this.neo4j = neo4j;
        this.transactions = transactions;
        this.interviews = interviews;
    }

    UnitFeedback comment(CommentOnReportBackInput input, Actor actor) {
        Period quarter = Period.quarter(input.quarter());
        String text = InterviewWriter.text(input.text(), MAX_TEXT, true);
        new Validation()
                .require(!quarter.firstDay().isAfter(LocalDate.now(Period.ZONE)), "quarter", ErrorCode.INVALID_QUARTER,
                        "该季度尚未开始，不能反馈。")
                .require(input.kind() != null, "kind", ErrorCode.INVALID_FEEDBACK_KIND, "请选择意见或表扬。")
                .require(text != null, "text", ErrorCode.INVALID_TEXT, "反馈内容须为2至" + MAX_TEXT + "个字符。")
                .throwIfInvalid();
        String label = EvaluationService.label(quarter);
        return transactions.execute(status -> {
            // the member's lock: the count of feedback on the quarter holds until this one is written
            Map<String, Object> row = neo4j.query("""
                    OPTIONAL MATCH (u:Unit {id: $unitId})
                    OPTIONAL MATCH (m:Member {id: $memberId})
                    """ + RowLocks.lockIfPresent("m") + """
                    RETURN u IS NOT NULL AS unit, m IS NOT NULL AS member,
                           EXISTS { (m)-[:WORKS_AT]->(u) } AS works,
                           COLLECT { MATCH (m)-[:REGISTERED]->(r:Registration)-[:WITH_COMMUNITY]->(c:Community)
                                     WHERE r.activeMemberId IS NOT NULL RETURN c.id }[0] AS communityId,
                           COUNT { (u)-[:GAVE_FEEDBACK]->(:UnitFeedback {quarter: $quarter})-[:ABOUT]->(m) } AS given""")
                    .bindAll(Map.of("unitId", nonNull(input.unitId()), "memberId", nonNull(input.memberId()), "quarter", label))
                    .fetch().one().orElseThrow();
            new Validation()
                    .require(Values.bool(row, "unit"), "unitId", ErrorCode.UNIT_NOT_FOUND, "找不到该单位。")
                    .require(Values.bool(row, "member"), "memberId", ErrorCode.MEMBER_NOT_FOUND, "找不到该党员。")
                    .throwIfInvalid();
            if (!Values.bool(row, "works")) {
                throw new UserInputException(ErrorCode.NOT_IN_UNIT, "该党员不在本单位名册中。");
            }
            String communityId = Values.string(row, "communityId");
            if (communityId == null) {
                throw new UserInputException(ErrorCode.NOT_REGISTERED, "该党员尚未到社区报到，反馈无处送达。");
            }
            if (Values.integer(row, "given") >= InterviewService.FEEDBACK_PER_ROW) {
                throw new UserInputException(ErrorCode.TOO_MUCH_FEEDBACK,
                        "同一党员同一季度最多反馈" + InterviewService.FEEDBACK_PER_ROW + "条。");
            }
            String id = "UF-" + UUID.randomUUID();
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("id", id);
            parameters.put("unitId", input.unitId());
            parameters.put("memberId", input.memberId());
            parameters.put("communityId", communityId);
            parameters.put("quarter", label);
            parameters.put("kind", input.kind().name());
            parameters.put("text", text);
            parameters.put("actor", actor.id());
            neo4j.query("""
                    MATCH (u:Unit {id: $unitId}), (m:Member {id: $memberId}), (c:Community {id: $communityId})
                    CREATE (u)-[:GAVE_FEEDBACK]->(f:UnitFeedback {id: $id, quarter: $quarter, kind: $kind, text: $text,
                                                                 writtenBy: $actor, writtenAt: datetime()})-[:ABOUT]->(m),
                           (f)-[:SENT_TO]->(c)""")
                    .bindAll(parameters).run();
            return interviews.feedback(id).orElseThrow();
        });
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
