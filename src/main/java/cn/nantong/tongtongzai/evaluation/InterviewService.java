package cn.nantong.tongtongzai.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.evaluation.EvaluationRecords.FeedbackKind;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.Interview;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.InterviewOutcome;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.UnitFeedback;
import cn.nantong.tongtongzai.platform.graphql.NestedPage;
import cn.nantong.tongtongzai.platform.neo4j.Values;

import static cn.nantong.tongtongzai.platform.neo4j.Values.integer;
import static cn.nantong.tongtongzai.platform.neo4j.Values.day;
import static cn.nantong.tongtongzai.platform.neo4j.Values.string;
import static cn.nantong.tongtongzai.platform.neo4j.Values.time;

/**
 * Reads of what follows the interview list and the report-back: interviews recorded (约谈记录), one per member
 * and year, and the feedback units send back to communities (单位反馈).
 */
@Service
@Transactional(readOnly = true)
class InterviewService {

    /** A member's interviews shown on the member, newest year first (one per year, so years of history). */
    static final int INTERVIEWS_PER_MEMBER = 20;
    /** Feedback a unit may give on one member's quarter, so that a report-back row's list stays short. */
    static final int FEEDBACK_PER_ROW = 10;

    static final String INTERVIEW = """
            i {.id, .year, .interviewer, .outcome, .notes, .followUpNotes, .followUpDoneBy, .recordedBy,
               heldOn: toString(i.heldOn), followUpOn: toString(i.followUpOn), followUpDoneAt: toString(i.followUpDoneAt),
               recordedAt: toString(i.recordedAt),
               memberId: COLLECT { MATCH (i)<-[:HAD_INTERVIEW]-(x:Member) RETURN x.id }[0]}""";
    static final String FEEDBACK = """
            f {.id, .quarter, .kind, .text, .writtenBy, writtenAt: toString(f.writtenAt),
               unitId: COLLECT { MATCH (f)<-[:GAVE_FEEDBACK]-(x:Unit) RETURN x.id }[0],
               memberId: COLLECT { MATCH (f)-[:ABOUT]->(x:Member) RETURN x.id }[0],
               communityId: COLLECT { MATCH (f)-[:SENT_TO]->(x:Community) RETURN x.id }[0]}""";

    private final Neo4jClient neo4j;

    InterviewService(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    Optional<Interview> interview(String id) {
        return neo4j.query("MATCH (i:Interview {id: $id}) RETURN " + INTERVIEW + " AS value").bind(id).to("id")
                .fetch().one().map(row -> interview(row.get("value")));
    }

    /** Interviews by "memberId/year" (the key a member's interview of a year is stored under). */
    Map<String, Interview> interviewsByMemberYear(Collection<String> keys) {
        Map<String, Interview> byKey = new HashMap<>();
        neo4j.query("UNWIND $keys AS key MATCH (i:Interview {memberYear: key}) RETURN key, " + INTERVIEW + " AS value")
                .bind(List.copyOf(keys)).to("keys").fetch().all()
                .forEach(row -> byKey.put((String) row.get("key"), interview(row.get("value"))));
        return byKey;
    }

    /** The interviews of many members, newest year first, at most {@link #INTERVIEWS_PER_MEMBER} each. */
    Map<String, List<Interview>> interviewsOfMembers(Collection<String> memberIds) {
        Map<String, List<Interview>> byMember = new HashMap<>();
        neo4j.query("""
                        UNWIND $ids AS id MATCH (m:Member {id: id})
                        RETURN id, COLLECT { MATCH (m)-[:HAD_INTERVIEW]->(i:Interview) WITH i ORDER BY i.year DESC, i.id
                                             LIMIT $limit RETURN %s } AS value""".formatted(INTERVIEW))
                .bindAll(Map.of("ids", List.copyOf(memberIds), "limit", INTERVIEWS_PER_MEMBER)).fetch().all()
                .forEach(row -> byMember.put((String) row.get("id"),
                        ((List<?>) row.get("value")).stream().map(InterviewService::interview).toList()));
        return byMember;
    }

    static String memberYear(String memberId, int year) {
        return memberId + "/" + year;
    }

    Optional<UnitFeedback> feedback(String id) {
        return neo4j.query("MATCH (f:UnitFeedback {id: $id}) RETURN " + FEEDBACK + " AS value").bind(id).to("id")
                .fetch().one().map(row -> feedback(row.get("value")));
    }

    /** One report-back row's feedback: the unit's, about the member, on the quarter (2026-Q4). */
    record RowKey(String unitId, String memberId, String quarter) {
    }

    /** A unit's own feedback on members' quarters, oldest first, by row. */
    Map<RowKey, List<UnitFeedback>> feedbackOfRows(Collection<RowKey> keys) {
        List<RowKey> ordered = List.copyOf(keys);
        List<Map<String, Object>> parts = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            RowKey key = ordered.get(i);
            parts.add(Map.of("i", i, "unitId", key.unitId(), "memberId", key.memberId(), "quarter", key.quarter()));
        }
        Map<RowKey, List<UnitFeedback>> byKey = new HashMap<>();
        neo4j.query("""
                        UNWIND $parts AS part
                        MATCH (:Unit {id: part.unitId})-[:GAVE_FEEDBACK]->(f:UnitFeedback {quarter: part.quarter})-[:ABOUT]->(:Member {id: part.memberId})
                        WITH part, f ORDER BY f.writtenAt, f.id
                        RETURN part.i AS i, collect(""" + FEEDBACK + ") AS value")
                .bind(parts).to("parts").fetch().all()
                .forEach(row -> byKey.put(ordered.get(integer(row, "i")),
                        ((List<?>) row.get("value")).stream().map(InterviewService::feedback).toList()));
        return byKey;
    }

    /** Pages of the feedback sent to many communities, newest first. */
    Map<NestedPage, List<UnitFeedback>> feedbackToCommunities(Collection<NestedPage> pages) {
        return NestedPage.load(neo4j, pages, """
                MATCH (:Community {id: key.parentId})<-[:SENT_TO]-(f:UnitFeedback)
                WITH f ORDER BY f.writtenAt DESC, f.id
                RETURN collect(%s) AS all""".formatted(FEEDBACK), InterviewService::feedback);
    }

    static Interview interview(Object value) {
        Map<String, Object> i = Values.map(value);
        return new Interview(string(i, "id"), string(i, "memberId"), integer(i, "year"), day(i, "heldOn"),
                string(i, "interviewer"), InterviewOutcome.valueOf(string(i, "outcome")), string(i, "notes"),
                day(i, "followUpOn"), string(i, "followUpNotes"), time(i, "followUpDoneAt"),
                string(i, "followUpDoneBy"), string(i, "recordedBy"), time(i, "recordedAt"));
    }

    static UnitFeedback feedback(Object value) {
        Map<String, Object> f = Values.map(value);
        return new UnitFeedback(string(f, "id"), string(f, "unitId"), string(f, "memberId"), string(f, "communityId"),
                string(f, "quarter"), FeedbackKind.valueOf(string(f, "kind")), string(f, "text"), string(f, "writtenBy"),
                time(f, "writtenAt"));
    }
}
