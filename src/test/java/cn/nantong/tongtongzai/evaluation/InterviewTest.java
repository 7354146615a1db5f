package cn.nantong.tongtongzai.evaluation;

import static cn.nantong.tongtongzai.support.FlowFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/**
 * 约谈 that follows the rules and is recorded, and the unit talking back (issue 18): the interview list holds
 * members with low satisfaction and members with an unrevoked negative-list entry of the year, each row saying
 * why; the member's unit secretary or community records the interview and its follow-up; the unit comments on
 * or commends a member's report-back and the community where the member is registered reads it.
 */
class InterviewTest extends IntegrationTest {

    static final ZoneId NANTONG = ZoneId.of("Asia/Shanghai");
    static final int YEAR = LocalDate.now(NANTONG).getYear();
    static final String LIST = """
            query($year: Int!, $unit: ID, $community: ID) { interviewList(year: $year, unitId: $unit, communityId: $community) {
              edges { node { member { id } ratings rate reasons negativeEntries { reason } interview { outcome heldOn } } } } }""";
    static final String RECORD = """
            mutation($m: ID!, $year: Int!, $on: Date!, $outcome: InterviewOutcome!, $followUp: Date, $who: String!) {
              recordInterview(input: {memberId: $m, year: $year, heldOn: $on, interviewer: $who, outcome: $outcome,
                                      notes: "谈话指出服务态度问题，本人表示接受", followUpOn: $followUp}) {
                interview { id year heldOn interviewer outcome notes followUpOn followUpDone recordedBy member { id } } } }""";
    static final String FEEDBACK = """
            mutation($unit: ID!, $m: ID!, $q: String!, $kind: FeedbackKind!, $text: String!) {
              commentOnReportBack(input: {unitId: $unit, memberId: $m, quarter: $q, kind: $kind, text: $text}) {
                feedback { id kind text quarter writtenBy unit { id } member { id } community { id } } } }""";

    @Autowired
    Driver driver;

    FlowFixture flow;
    FlowFixture.Served served;
    /** Rated 2, 2 and 5: on the list for low satisfaction. */
    String low;
    String lowUnit;
    /** A confirmed member of 德民社区 with nothing against them. */
    String other;
    String otherUnit;
    String today;
    String quarter;

    @BeforeEach
    void anInterviewCase() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        served = flow.servedAndRatedRequest();
        low = served.member();
        lowUnit = unitOf(low);
        other = flow.confirmedMembers(FlowFixture.DEMIN).get(2);
        otherUnit = unitOf(other);
        LocalDate now = LocalDate.now(NANTONG);
        today = now.toString();
        quarter = YEAR + "-Q" + ((now.getMonthValue() - 1) / 3 + 1);
    }

    @Test
    void aNegativeListEntryPutsAMemberOnTheListUntilItIsRevoked() {
        // good satisfaction: three ratings of 5 on a claim of their own
        rateAll(serve(other), 5, 5, 5);
        graphQl.document(LIST).variable("year", YEAR).execute()
                .path("interviewList.edges[*].node.member.id").entityList(String.class).containsExactly(low)
                .path("interviewList.edges[0].node.reasons").entityList(String.class).containsExactly("LOW_SATISFACTION")
                .path("interviewList.edges[0].node.negativeEntries").entityList(Object.class).hasSize(0);

        String entry = as(secretary(FlowFixture.DEMIN)).document("""
                        mutation($m: ID!) { addNegativeListEntry(input: {memberId: $m, communityId: "320613001001",
                          reason: "多次认领后无故缺席"}) { entry { id } } }""")
                .variable("m", other).execute().path("addNegativeListEntry.entry.id").entity(String.class).get();
        // low satisfaction first; the member there only for the negative list after, with the entry that put them there
        graphQl.document(LIST).variable("year", YEAR).execute()
                .path("interviewList.edges[*].node.member.id").entityList(String.class).containsExactly(low, other)
                .path("interviewList.edges[1].node.reasons").entityList(String.class).containsExactly("NEGATIVE_LIST")
                .path("interviewList.edges[1].node.rate").entity(Double.class).isEqualTo(1.0)
                .path("interviewList.edges[1].node.negativeEntries[0].reason").entity(String.class).isEqualTo("多次认领后无故缺席")
                .path("interviewList.edges[1].node.interview").valueIsNull();
        // the unit's secretary sees their own member on the unit's list, the community's secretary the community's
        as(unitSecretary(otherUnit)).document(LIST).variable("year", YEAR).variable("unit", otherUnit).execute()
                .path("interviewList.edges[*].node.member.id").entityList(String.class).contains(other);
        as(secretary(FlowFixture.DEMIN)).document(LIST).variable("year", YEAR).variable("community", FlowFixture.DEMIN).execute()
                .path("interviewList.edges[*].node.member.id").entityList(String.class).containsExactly(low, other);
        graphQl.document(LIST).variable("year", YEAR - 1).execute()
                .path("interviewList.edges").entityList(Object.class).hasSize(0);

        // an entry of the low member adds the second reason to their row
        as(secretary(FlowFixture.DEMIN)).document("""
                        mutation($m: ID!) { addNegativeListEntry(input: {memberId: $m, communityId: "320613001001",
                          reason: "服务中与居民发生争执"}) { entry { id } } }""")
                .variable("m", low).execute().path("addNegativeListEntry.entry.id").hasValue();
        graphQl.document(LIST).variable("year", YEAR).execute()
                .path("interviewList.edges[0].node.reasons").entityList(String.class)
                .containsExactly("LOW_SATISFACTION", "NEGATIVE_LIST");

        // a revoked entry no longer counts
        graphQl.document("mutation($e: ID!) { revokeNegativeListEntry(input: {entryId: $e, reason: \"经核实系误记\"}) { entry { revokedAt } } }")
                .variable("e", entry).execute().path("revokeNegativeListEntry.entry.revokedAt").hasValue();
        graphQl.document(LIST).variable("year", YEAR).execute()
                .path("interviewList.edges[*].node.member.id").entityList(String.class).containsExactly(low);
        expectError(record(graphQl, other, today, "REMINDER", null), "NOT_ON_INTERVIEW_LIST");
    }

    @Test
    void theUnitSecretaryRecordsAnInterviewAndTheCommunityItsFollowUp() throws IOException {
        String followUp = LocalDate.now(NANTONG).plusMonths(3).toString();
        var recorded = record(as(unitSecretary(lowUnit)), low, today, "IMPROVEMENT_PLAN", followUp)
                .path("recordInterview.interview.outcome").entity(String.class).isEqualTo("IMPROVEMENT_PLAN")
                .path("recordInterview.interview.heldOn").entity(String.class).isEqualTo(today)
                .path("recordInterview.interview.followUpOn").entity(String.class).isEqualTo(followUp)
                .path("recordInterview.interview.followUpDone").entity(Boolean.class).isEqualTo(false)
                .path("recordInterview.interview.interviewer").entity(String.class).isEqualTo("单位党委书记 王某")
                .path("recordInterview.interview.recordedBy").entity(String.class).isEqualTo("unit-secretary")
                .path("recordInterview.interview.member.id").entity(String.class).isEqualTo(low);
        String interview = recorded.path("recordInterview.interview.id").entity(String.class).get();

        // the row of the list and the member show it
        as(secretary(FlowFixture.DEMIN)).document(LIST).variable("year", YEAR).variable("community", FlowFixture.DEMIN).execute()
                .path("interviewList.edges[0].node.interview.outcome").entity(String.class).isEqualTo("IMPROVEMENT_PLAN");
        String interviews = "query($id: ID!) { member(id: $id) { interviews { id year outcome followUpDone } } }";
        as(unitSecretary(lowUnit)).document(interviews).variable("id", low).execute()
                .path("member.interviews[*].id").entityList(String.class).containsExactly(interview);
        as(member(low)).document(interviews).variable("id", low).execute()
                .path("member.interviews[0].year").entity(Integer.class).isEqualTo(YEAR);
        expectError(as(unitSecretary(otherUnitThan(lowUnit))).document(interviews).variable("id", low).execute(), "NOT_FOUND");
        // analysts name members only by pseudonym: a real id is unknown to them (Member.interviews is refused to them
        // in any case, AccessPolicy)
        expectError(as(TestTokens.user("analyst", Role.ANALYST, Scope.none())).document(interviews).variable("id", low).execute(),
                "NOT_FOUND");

        // one interview per member and year: a second one is refused and writes nothing
        String before = database.fingerprint();
        expectError(record(as(secretary(FlowFixture.DEMIN)), low, today, "WARNING", null), "ALREADY_INTERVIEWED");
        assertThat(database.fingerprint()).isEqualTo(before);

        // the community where the member is registered records the follow-up
        String complete = "mutation($id: ID!) { completeInterviewFollowUp(input: {interviewId: $id, notes: \"三个月内服务评价均为满意\"}) { interview { followUpDone followUpNotes followUpDoneBy } } }";
        expectError(as(secretary(FlowFixture.XIAOSHIQIAO)).document(complete).variable("id", interview).execute(), "NOT_FOUND");
        expectError(as(member(low)).document(complete).variable("id", interview).execute(), "FORBIDDEN");
        assertThat(database.fingerprint()).isEqualTo(before);
        as(secretary(FlowFixture.DEMIN)).document(complete).variable("id", interview).execute()
                .path("completeInterviewFollowUp.interview.followUpDone").entity(Boolean.class).isEqualTo(true)
                .path("completeInterviewFollowUp.interview.followUpDoneBy").entity(String.class).isEqualTo("secretary-demin");
        assertThat(flow.count("MATCH (:Interview {id: $id})-[:HAS_EVENT]->(e:StateChange {action: 'COMPLETE_FOLLOW_UP'}) RETURN count(e)",
                Map.of("id", interview))).isEqualTo(1);
        String done = database.fingerprint();
        expectError(as(secretary(FlowFixture.DEMIN)).document(complete).variable("id", interview).execute(),
                "INVALID_STATE_TRANSITION");
        expectError(graphQl.document(complete).variable("id", "IV-none").execute(), "INTERVIEW_NOT_FOUND");
        assertThat(database.fingerprint()).isEqualTo(done);

        // the Excel list carries the reason and the interview
        byte[] body = web.get().uri("/exports/interview-list.xlsx?year=" + YEAR).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(body))) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter cells = new DataFormatter();
            assertThat(cells.formatCellValue(sheet.getRow(0).getCell(6))).isEqualTo("约谈原因");
            Row row = sheet.getRow(1);
            assertThat(cells.formatCellValue(row.getCell(0))).isEqualTo(low);
            assertThat(cells.formatCellValue(row.getCell(6))).isEqualTo("满意度低于70%");
            assertThat(cells.formatCellValue(row.getCell(8))).isEqualTo(today);
            assertThat(cells.formatCellValue(row.getCell(9))).isEqualTo("限期整改");
        }
    }

    @Test
    void theCommunitySecretaryRecordsAnInterviewWithoutFollowUp() {
        String interview = record(as(secretary(FlowFixture.DEMIN)), low, today, "REMINDER", null)
                .path("recordInterview.interview.recordedBy").entity(String.class).isEqualTo("secretary-demin")
                .path("recordInterview.interview.followUpOn").valueIsNull()
                .path("recordInterview.interview.id").entity(String.class).get();
        String before = database.fingerprint();
        expectError(graphQl.document("mutation($id: ID!) { completeInterviewFollowUp(input: {interviewId: $id, notes: \"跟进\"}) { interview { id } } }")
                .variable("id", interview).execute(), "NO_FOLLOW_UP");
        assertThat(database.fingerprint()).isEqualTo(before);
    }

    @Test
    void refusedInterviewsLeaveTheGraphAsItWas() {
        String before = database.fingerprint();
        HttpGraphQlTester unit = as(unitSecretary(lowUnit));
        expectError(record(unit, low, LocalDate.now(NANTONG).plusDays(1).toString(), "REMINDER", null), "INVALID_DATE");
        expectError(record(unit, low, (YEAR - 1) + "-12-31", "REMINDER", null), "INVALID_DATE");
        expectError(record(unit, low, "昨天", "REMINDER", null), "INVALID_DATE");
        expectError(record(unit, low, today, "REMINDER", "2000-01-01"), "INVALID_DATE");
        expectError(record(unit, low, today, "IMPROVEMENT_PLAN", null), "FOLLOW_UP_REQUIRED");
        expectError(unit.document(RECORD).variable("m", low).variable("year", YEAR).variable("on", today)
                .variable("outcome", "REMINDER").variable("who", "王").execute(), "INVALID_INTERVIEWER");
        expectError(unit.document(RECORD).variable("m", low).variable("year", 1900).variable("on", today)
                .variable("outcome", "REMINDER").variable("who", "单位党委书记 王某").execute(), "INVALID_YEAR");
        // not on the list: no ratings, no entry
        String clean = flow.confirmedMembers(FlowFixture.DEMIN).stream().filter(m -> !m.equals(low)).findFirst().orElseThrow();
        expectError(record(as(secretary(FlowFixture.DEMIN)), clean, today, "REMINDER", null), "NOT_ON_INTERVIEW_LIST");
        expectError(record(graphQl, "M-none", today, "REMINDER", null), "MEMBER_NOT_FOUND");
        // out of scope: another unit's secretary, another community's secretary; a member may never
        expectError(record(as(unitSecretary(otherUnitThan(lowUnit))), low, today, "REMINDER", null), "NOT_FOUND");
        expectError(record(as(secretary(FlowFixture.XIAOSHIQIAO)), low, today, "REMINDER", null), "NOT_FOUND");
        expectError(record(as(member(low)), low, today, "REMINDER", null), "FORBIDDEN");
        assertThat(database.fingerprint()).isEqualTo(before);
    }

    @Test
    void theUnitTalksBackToTheCommunityWhereTheMemberIsRegistered() {
        HttpGraphQlTester unit = as(unitSecretary(lowUnit));
        feedback(unit, lowUnit, low, quarter, "COMMENDATION", "服务认真，居民反映良好，单位予以表扬")
                .path("commentOnReportBack.feedback.kind").entity(String.class).isEqualTo("COMMENDATION")
                .path("commentOnReportBack.feedback.quarter").entity(String.class).isEqualTo(quarter)
                .path("commentOnReportBack.feedback.writtenBy").entity(String.class).isEqualTo("unit-secretary")
                .path("commentOnReportBack.feedback.unit.id").entity(String.class).isEqualTo(lowUnit)
                .path("commentOnReportBack.feedback.community.id").entity(String.class).isEqualTo(FlowFixture.DEMIN);
        feedback(unit, lowUnit, low, quarter, "COMMENT", "请社区多安排其周末参与服务")
                .path("commentOnReportBack.feedback.id").hasValue();

        // the unit sees its own feedback on the report-back row
        var report = unit.document("query($u: ID!, $q: String!) { reportBack(unitId: $u, quarter: $q, first: 100) { edges { node { member { id } feedback { kind text } } } } }")
                .variable("u", lowUnit).variable("q", quarter).execute();
        List<Map<String, Object>> rows = report.path("reportBack.edges[*].node")
                .entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { }).get();
        Map<String, Object> row = rows.stream().filter(r -> low.equals(((Map<?, ?>) r.get("member")).get("id"))).findFirst().orElseThrow();
        assertThat((List<?>) row.get("feedback")).hasSize(2);
        assertThat(rows.stream().filter(r -> r != row).allMatch(r -> ((List<?>) r.get("feedback")).isEmpty())).isTrue();

        // the community's managers read it, newest first; another community's secretary and members do not
        String read = "{ community(id: \"320613001001\") { unitFeedback(first: 10) { edges { node { kind text member { id } unit { id name } } } } } }";
        as(secretary(FlowFixture.DEMIN)).document(read).execute()
                .path("community.unitFeedback.edges[*].node.kind").entityList(String.class).containsExactly("COMMENT", "COMMENDATION")
                .path("community.unitFeedback.edges[0].node.member.id").entity(String.class).isEqualTo(low)
                .path("community.unitFeedback.edges[0].node.unit.id").entity(String.class).isEqualTo(lowUnit);
        expectError(as(secretary(FlowFixture.XIAOSHIQIAO)).document(read).execute(), "NOT_FOUND");
        expectError(as(member(low)).document(read).execute(), "FORBIDDEN");
        expectError(unit.document(read).execute(), "FORBIDDEN");
        as(secretary(FlowFixture.XIAOSHIQIAO)).document("{ community(id: \"320613001002\") { unitFeedback { edges { node { id } } } } }")
                .execute().path("community.unitFeedback.edges").entityList(Object.class).hasSize(0);
    }

    @Test
    void refusedFeedbackLeavesTheGraphAsItWas() {
        String before = database.fingerprint();
        HttpGraphQlTester unit = as(unitSecretary(lowUnit));
        String elsewhere = otherUnitThan(lowUnit);
        String notOurs = flow.strings("MATCH (m:Member)-[:WORKS_AT]->(u:Unit) WHERE u.id <> $u RETURN m.id ORDER BY m.id LIMIT 1",
                Map.of("u", lowUnit)).getFirst();
        String unregistered = flow.strings("""
                MATCH (m:Member)-[:WORKS_AT]->(:Unit {id: $u})
                WHERE NOT EXISTS { (m)-[:REGISTERED]->(r:Registration) WHERE r.activeMemberId IS NOT NULL }
                RETURN m.id ORDER BY m.id LIMIT 1""", Map.of("u", lowUnit)).stream().findFirst().orElse(null);
        LocalDate next = LocalDate.now(NANTONG).plusMonths(3);
        String nextQuarter = next.getYear() + "-Q" + ((next.getMonthValue() - 1) / 3 + 1);
        expectError(feedback(unit, lowUnit, low, nextQuarter, "COMMENT", "下季度的反馈"), "INVALID_QUARTER");
        expectError(feedback(unit, lowUnit, low, "2026年四季度", "COMMENT", "格式不对"), "INVALID_QUARTER");
        expectError(feedback(unit, lowUnit, low, quarter, "COMMENT", "好"), "INVALID_TEXT");
        expectError(feedback(unit, lowUnit, low, quarter, "COMMENT", "长".repeat(501)), "INVALID_TEXT");
        // another unit's member, another unit: out of scope; a community secretary or a member may never
        expectError(feedback(unit, lowUnit, notOurs, quarter, "COMMENT", "不是本单位的党员"), "NOT_FOUND");
        expectError(feedback(unit, elsewhere, low, quarter, "COMMENT", "不是本单位"), "NOT_FOUND");
        expectError(feedback(as(secretary(FlowFixture.DEMIN)), lowUnit, low, quarter, "COMMENT", "社区不能代写"), "FORBIDDEN");
        expectError(feedback(as(member(low)), lowUnit, low, quarter, "COMMENT", "自己表扬自己"), "FORBIDDEN");
        // the city may write for a unit, but only about the unit's own, registered members
        expectError(feedback(graphQl, lowUnit, notOurs, quarter, "COMMENT", "不是本单位的党员"), "NOT_IN_UNIT");
        expectError(feedback(graphQl, "U-none", low, quarter, "COMMENT", "没有这个单位"), "UNIT_NOT_FOUND");
        if (unregistered != null) {
            expectError(feedback(graphQl, lowUnit, unregistered, quarter, "COMMENT", "尚未报到"), "NOT_REGISTERED");
        }
        assertThat(database.fingerprint()).isEqualTo(before);

        for (int i = 0; i < InterviewService.FEEDBACK_PER_ROW; i++) {
            feedback(unit, lowUnit, low, quarter, "COMMENT", "第" + (i + 1) + "条意见").path("commentOnReportBack.feedback.id").hasValue();
        }
        String full = database.fingerprint();
        expectError(feedback(unit, lowUnit, low, quarter, "COMMENT", "第十一条意见"), "TOO_MUCH_FEEDBACK");
        assertThat(database.fingerprint()).isEqualTo(full);
    }

    // helpers

    private GraphQlTester.Response record(HttpGraphQlTester tester, String memberId, String heldOn, String outcome,
            String followUpOn) {
        return tester.document(RECORD).variable("m", memberId).variable("year", YEAR).variable("on", heldOn)
                .variable("outcome", outcome).variable("followUp", followUpOn).variable("who", "单位党委书记 王某").execute();
    }

    private GraphQlTester.Response feedback(HttpGraphQlTester tester, String unitId, String memberId, String q, String kind,
            String text) {
        return tester.document(FEEDBACK).variable("unit", unitId).variable("m", memberId).variable("q", q)
                .variable("kind", kind).variable("text", text).execute();
    }

    private static cn.nantong.tongtongzai.platform.security.Actor secretary(String communityId) {
        return TestTokens.user(communityId.equals(FlowFixture.DEMIN) ? "secretary-demin" : "secretary-other",
                Role.COMMUNITY_SECRETARY, Scope.none().community(communityId));
    }

    private static cn.nantong.tongtongzai.platform.security.Actor unitSecretary(String unitId) {
        return TestTokens.user("unit-secretary", Role.UNIT_SECRETARY, Scope.none().unit(unitId));
    }

    private static cn.nantong.tongtongzai.platform.security.Actor member(String memberId) {
        return TestTokens.user(memberId, Role.MEMBER, Scope.none().member(memberId).community(FlowFixture.DEMIN));
    }

    private String unitOf(String memberId) {
        return flow.strings("MATCH (:Member {id: $id})-[:WORKS_AT]->(u:Unit) RETURN u.id", Map.of("id", memberId)).getFirst();
    }

    private String otherUnitThan(String unitId) {
        return flow.strings("MATCH (u:Unit) WHERE u.id <> $id RETURN u.id ORDER BY u.id LIMIT 1", Map.of("id", unitId)).getFirst();
    }

    /** A completed task of 德民社区 the member served; returns their claim. */
    private String serve(String memberId) {
        String resident = served.resident();
        String request = graphQl.document("mutation($r: ID!) { postRequest(input: {residentId: $r, text: \"楼道灯坏了\"}) { request { id } } }")
                .variable("r", resident).execute().path("postRequest.request.id").entity(String.class).get();
        String task = graphQl.document("""
                        mutation($id: ID!, $start: DateTime!, $end: DateTime!) { acceptRequest(input: {requestId: $id, newTask: {
                          title: "更换楼道灯", kind: MICRO_SERVICE, difficulty: 1, headcount: 1, startsAt: $start, endsAt: $end,
                          skillIds: ["plumbing_electrical"]}}) { request { task { id } } } }""")
                .variable("id", request).variable("start", FlowFixture.at(-30)).variable("end", FlowFixture.at(90))
                .execute().path("acceptRequest.request.task.id").entity(String.class).get();
        flow.transition("publishTask", task);
        String code = flow.verificationCode(task);
        String claim = flow.claimId(task, memberId);
        flow.check("checkIn", claim, code);
        flow.check("checkOut", claim, code);
        flow.transition("completeTask", task).path("completeTask.task.state").entity(String.class).isEqualTo("COMPLETED");
        return claim;
    }

    /** Ratings by the resident, the community and its functional branch. */
    private void rateAll(String claim, int resident, int community, int branch) {
        String rate = "mutation($c: ID!, $role: RaterRole!, $rater: ID!, $s: Int!) { rateClaim(input: {claimId: $c, raterRole: $role, raterId: $rater, score: $s}) { evaluation { id } } }";
        graphQl.document(rate).variable("c", claim).variable("role", "RESIDENT").variable("rater", served.resident()).variable("s", resident)
                .execute().path("rateClaim.evaluation.id").hasValue();
        graphQl.document(rate).variable("c", claim).variable("role", "COMMUNITY").variable("rater", FlowFixture.DEMIN).variable("s", community)
                .execute().path("rateClaim.evaluation.id").hasValue();
        graphQl.document(rate).variable("c", claim).variable("role", "FUNCTIONAL_BRANCH").variable("rater", FlowFixture.DEMIN + "-GN")
                .variable("s", branch).execute().path("rateClaim.evaluation.id").hasValue();
    }
}
