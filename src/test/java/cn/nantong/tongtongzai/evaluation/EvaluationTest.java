package cn.nantong.tongtongzai.evaluation;

import static cn.nantong.tongtongzai.support.FlowFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/**
 * 活动评单 end to end: tasks served and completed over GraphQL, rated by the resident who asked, the
 * community and its functional branch; the 70 % interview rule, awards, negative list, report-back,
 * joint meetings and summaries computed from those ratings.
 */
class EvaluationTest extends IntegrationTest {

    static final String RATE = """
            mutation($claim: ID!, $role: RaterRole!, $rater: ID!, $score: Int!) {
              rateClaim(input: {claimId: $claim, raterRole: $role, raterId: $rater, score: $score, comment: "服务及时"}) {
                evaluation { id score raterRole } } }""";
    static final String BRANCH = "320613001001-GN";
    static final int YEAR = Year.now(ZoneId.of("Asia/Shanghai")).getValue();

    @Autowired
    Driver driver;

    FlowFixture flow;
    List<String> members;
    String resident;

    @BeforeEach
    void tiny() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        members = flow.confirmedMembers(FlowFixture.DEMIN);
        resident = flow.strings("""
                MATCH (:Community {id: $c})-[:HAS_COMMITTEE]->()-[:HAS_GENERAL_BRANCH]->()-[:HAS_GRID_BRANCH]->()
                      -[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->()<-[:LIVES_IN]-(r:Resident) RETURN r.id ORDER BY r.id LIMIT 1""",
                Map.of("c", FlowFixture.DEMIN)).getFirst();
    }

    @Test
    void eachRaterRatesACompletedClaimOnce() {
        String member = members.get(0);
        Served served = serve(List.of(member), 2);
        String claim = served.claims().get(member);

        rate(claim, "RESIDENT", resident, 5).path("rateClaim.evaluation.score").entity(Integer.class).isEqualTo(5);
        rate(claim, "COMMUNITY", FlowFixture.DEMIN, 4);
        rate(claim, "FUNCTIONAL_BRANCH", BRANCH, 3);
        expectError(rate(claim, "COMMUNITY", FlowFixture.DEMIN, 5), "DUPLICATE_RATING");
        expectError(rate(claim, "COMMUNITY", FlowFixture.XIAOSHIQIAO, 5), "NOT_A_RATER");
        expectError(rate(claim, "FUNCTIONAL_BRANCH", "320613001002-GN", 5), "NOT_A_RATER");
        String stranger = flow.strings("MATCH (r:Resident) WHERE r.id <> $id RETURN r.id ORDER BY r.id LIMIT 1", Map.of("id", resident)).getFirst();
        expectError(rate(claim, "RESIDENT", stranger, 5), "NOT_A_RATER");
        expectError(rate(claim, "RESIDENT", resident, 6), "INVALID_SCORE");

        graphQl.document("query($id: ID!) { claim(id: $id) { evaluations { raterRole score } } member: claim(id: $id) { member { satisfaction { ratings satisfied rate } } } }")
                .variable("id", claim).execute()
                .path("claim.evaluations[*].raterRole").entityList(String.class).containsExactly("RESIDENT", "COMMUNITY", "FUNCTIONAL_BRANCH")
                .path("member.member.satisfaction.ratings").entity(Integer.class).isEqualTo(3)
                .path("member.member.satisfaction.satisfied").entity(Integer.class).isEqualTo(2)
                .path("member.member.satisfaction.rate").entity(Double.class).isEqualTo(0.6667);

        flow.transition("closeTaskEvaluation", served.task());
        String other = serve(List.of(members.get(1)), 2).claims().get(members.get(1));
        expectError(rate(claim, "RESIDENT", resident, 5), "EVALUATION_CLOSED");
        rate(other, "COMMUNITY", FlowFixture.DEMIN, 5);

        String open = flow.published(1, 60);
        String openClaim = flow.claimId(open, members.get(2));
        expectError(rate(openClaim, "COMMUNITY", FlowFixture.DEMIN, 5), "TASK_NOT_COMPLETED");
        expectError(rate("C-NONE", "COMMUNITY", FlowFixture.DEMIN, 5), "CLAIM_NOT_FOUND");
    }

    @Test
    void theInterviewListHoldsMembersBelowSeventyPercentWithEnoughRatings() {
        String low = members.get(0);       // 1 of 3 satisfied: 33 %
        String boundary = members.get(1);  // 7 of 10 satisfied: exactly 70 %, not below
        String single = members.get(2);    // one unhappy rating: too few to judge
        Served first = serve(List.of(low, boundary, single), 2);
        ratings(first.claims().get(low), 5, 2, 1);
        ratings(first.claims().get(boundary), 5, 5, 5);
        ratings(first.claims().get(single), 2);
        ratings(serve(List.of(boundary), 2).claims().get(boundary), 5, 5, 5);
        ratings(serve(List.of(boundary), 2).claims().get(boundary), 5, 2, 2);
        ratings(serve(List.of(boundary), 2).claims().get(boundary), 2);

        String interview = "query($year: Int!, $unit: ID) { interviewList(year: $year, unitId: $unit) { edges { node { member { id } ratings satisfied rate } } } }";
        graphQl.document(interview).variable("year", YEAR).execute()
                .path("interviewList.edges[*].node.member.id").entityList(String.class).containsExactly(low)
                .path("interviewList.edges[0].node.rate").entity(Double.class).isEqualTo(0.3333);
        graphQl.document("query($id: ID!) { member(id: $id) { satisfaction(period: YEAR) { ratings satisfied rate } } }")
                .variable("id", boundary).execute()
                .path("member.satisfaction.ratings").entity(Integer.class).isEqualTo(10)
                .path("member.satisfaction.rate").entity(Double.class).isEqualTo(0.7);

        String unitOfLow = flow.strings("MATCH (:Member {id: $id})-[:WORKS_AT]->(u) RETURN u.id", Map.of("id", low)).getFirst();
        String otherUnit = flow.strings("MATCH (u:Unit) WHERE u.id <> $id RETURN u.id ORDER BY u.id LIMIT 1", Map.of("id", unitOfLow)).getFirst();
        graphQl.document(interview).variable("year", YEAR).variable("unit", unitOfLow).execute()
                .path("interviewList.edges[*].node.member.id").entityList(String.class).containsExactly(low);
        graphQl.document(interview).variable("year", YEAR).variable("unit", otherUnit).execute()
                .path("interviewList.edges[*].node.member.id").entityList(String.class).doesNotContain(low);
        graphQl.document(interview).variable("year", YEAR - 1).execute()
                .path("interviewList.edges").entityList(Object.class).hasSize(0);

        // the community, its branch and the report-back see the same ratings
        graphQl.document("query { community(id: \"320613001001\") { satisfaction { ratings satisfied } } }").execute()
                .path("community.satisfaction.ratings").entity(Integer.class).isEqualTo(14)
                .path("community.satisfaction.satisfied").entity(Integer.class).isEqualTo(8);
        String unitOfBoundary = flow.strings("MATCH (:Member {id: $id})-[:WORKS_AT]->(u) RETURN u.id", Map.of("id", boundary)).getFirst();
        String quarter = YEAR + "-Q" + ((LocalDate.now(ZoneId.of("Asia/Shanghai")).getMonthValue() - 1) / 3 + 1);
        var report = graphQl.document("query($unit: ID!, $q: String!) { reportBack(unitId: $unit, quarter: $q, first: 100) { edges { node { member { id } registrationState community { id } claims tasksCompleted ratings satisfaction hours } } } }")
                .variable("unit", unitOfBoundary).variable("q", quarter).execute();
        List<Map<String, Object>> rows = report.path("reportBack.edges[*].node").entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { }).get();
        Map<String, Object> row = rows.stream().filter(r -> boundary.equals(((Map<?, ?>) r.get("member")).get("id"))).findFirst().orElseThrow();
        assertThat(row).containsEntry("registrationState", "CONFIRMED").containsEntry("claims", 4)
                .containsEntry("tasksCompleted", 4).containsEntry("ratings", 10).containsEntry("satisfaction", 0.7);
        expectError(graphQl.document("{ reportBack(unitId: \"U0001\", quarter: \"2026年三季度\") { edges { node { claims } } } }").execute(), "INVALID_QUARTER");
    }

    @Test
    void theAwardListWantsHighSatisfactionManyHoursAndNoNegativeEntry() {
        String star = members.get(0);
        Served served = serve(List.of(star), 25);
        ratings(served.claims().get(star), 5, 5, 4);
        String record = flow.strings("MATCH (:Claim {id: $id})<-[:FOR_CLAIM]-(sr) RETURN sr.id", Map.of("id", served.claims().get(star))).getFirst();
        String award = "query($year: Int!) { awardList(year: $year) { edges { node { member { id } hours rate } } } }";
        graphQl.document(award).variable("year", YEAR).execute().path("awardList.edges").entityList(Object.class).hasSize(0);

        graphQl.document("mutation($id: ID!) { correctServiceHours(input: {recordId: $id, hours: 24, reason: \"通宵值守，按现场签到表补录\"}) { record { hours } } }")
                .variable("id", record).execute().path("correctServiceHours.record.hours").entity(Double.class).isEqualTo(24.0);
        graphQl.document(award).variable("year", YEAR).execute()
                .path("awardList.edges[*].node.member.id").entityList(String.class).containsExactly(star)
                .path("awardList.edges[0].node.hours").entity(Double.class).isEqualTo(24.0);

        String entry = flow.as(FlowFixture.SECRETARY).document("""
                        mutation($m: ID!) { addNegativeListEntry(input: {memberId: $m, communityId: "320613001001", reason: "多次认领后无故缺席"}) {
                          entry { id member { id } community { id } recordedBy } } }""")
                .variable("m", star).execute()
                .path("addNegativeListEntry.entry.recordedBy").entity(String.class).isEqualTo(FlowFixture.SECRETARY)
                .path("addNegativeListEntry.entry.id").entity(String.class).get();
        graphQl.document(award).variable("year", YEAR).execute().path("awardList.edges").entityList(Object.class).hasSize(0);
        graphQl.document("{ negativeList(communityId: \"320613001001\") { edges { node { reason revokedAt } } } }").execute()
                .path("negativeList.edges[0].node.reason").entity(String.class).isEqualTo("多次认领后无故缺席");

        graphQl.document("mutation($e: ID!) { revokeNegativeListEntry(input: {entryId: $e, reason: \"经核实系误记\"}) { entry { revokedAt revokeReason } } }")
                .variable("e", entry).execute().path("revokeNegativeListEntry.entry.revokeReason").entity(String.class).isEqualTo("经核实系误记");
        expectError(graphQl.document("mutation($e: ID!) { revokeNegativeListEntry(input: {entryId: $e, reason: \"再次撤销\"}) { entry { id } } }")
                .variable("e", entry).execute(), "ALREADY_REVOKED");
        graphQl.document(award).variable("year", YEAR).execute()
                .path("awardList.edges[*].node.member.id").entityList(String.class).containsExactly(star);
        String outsider = flow.confirmedMembers(FlowFixture.XIAOSHIQIAO).getFirst();
        expectError(graphQl.document("mutation($m: ID!) { addNegativeListEntry(input: {memberId: $m, communityId: \"320613001001\", reason: \"缺席\"}) { entry { id } } }")
                .variable("m", outsider).execute(), "NOT_IN_COMMUNITY");
    }

    @Test
    void jointMeetingsTrackTheirProblemsToResolution() {
        String record = """
                mutation($owner: ID!) { recordJointMeeting(input: {communityId: "320613001001", title: "第四季度联席会议", heldOn: "%s",
                  problems: [{description: "老旧小区加装电梯意见不统一", ownerId: "U0001"},
                             {description: "小区停车难", ownerId: $owner}]}) {
                  meeting { id quarter problems { id state owner { id kind } } } } }""".formatted(YEAR + "-11-20");
        String propertyCompany = flow.strings("MATCH (p:PropertyCompany) RETURN p.id ORDER BY p.id LIMIT 1", Map.of()).getFirst();
        var meeting = graphQl.document(record).variable("owner", propertyCompany).execute()
                .path("recordJointMeeting.meeting.quarter").entity(String.class).isEqualTo(YEAR + "-Q4")
                .path("recordJointMeeting.meeting.problems[1].owner.kind").entity(String.class).isEqualTo("PropertyCompany");
        String problem = meeting.path("recordJointMeeting.meeting.problems[0].id").entity(String.class).get();
        graphQl.document("mutation($p: ID!) { resolveMeetingProblem(input: {problemId: $p, resolution: \"街道协调，三个单元完成加装\"}) { meeting { problems { state resolution } } } }")
                .variable("p", problem).execute()
                .path("resolveMeetingProblem.meeting.problems[0].state").entity(String.class).isEqualTo("RESOLVED");
        expectError(graphQl.document("mutation($p: ID!) { resolveMeetingProblem(input: {problemId: $p, resolution: \"再次\"}) { meeting { id } } }")
                .variable("p", problem).execute(), "INVALID_STATE_TRANSITION");
        graphQl.document("query($y: Int!) { community(id: \"320613001001\") { jointMeetingResolution(year: $y) { raised resolved rate } } }")
                .variable("y", YEAR).execute()
                .path("community.jointMeetingResolution.raised").entity(Integer.class).isEqualTo(2)
                .path("community.jointMeetingResolution.rate").entity(Double.class).isEqualTo(0.5);
        expectError(graphQl.document(record).variable("owner", "NOBODY").execute(), "OWNER_NOT_FOUND");
        expectError(graphQl.document("mutation { recordJointMeeting(input: {communityId: \"320613001001\", title: \"联席会议\", heldOn: \"2026-11-20\", problems: []}) { meeting { id } } }")
                .execute(), "PROBLEMS_REQUIRED");
        graphQl.document("{ jointMeetings(communityId: \"320613001001\") { edges { node { title } } } }").execute()
                .path("jointMeetings.edges[*].node.title").entityList(String.class).containsExactly("第四季度联席会议");
    }

    @Test
    void theDailySummaryCountsTheDaysWork() {
        Served served = serve(List.of(members.get(0), members.get(1)), 2);
        ratings(served.claims().get(members.get(0)), 5, 4);
        graphQl.document("mutation($r: ID!) { postRequest(input: {residentId: $r, text: \"想学用智能手机挂号\"}) { request { id } } }")
                .variable("r", resident).execute();
        graphQl.document("{ communitySummary(communityId: \"320613001001\", period: DAY) { requestsReceived requestsResolved requestsOpen tasksByKind { kind count } claims membersServed ratings satisfactionRate } }")
                .execute()
                .path("communitySummary.requestsReceived").entity(Integer.class).isEqualTo(2)
                .path("communitySummary.requestsResolved").entity(Integer.class).isEqualTo(1)
                .path("communitySummary.requestsOpen").entity(Integer.class).isEqualTo(1)
                .path("communitySummary.tasksByKind[0].kind").entity(String.class).isEqualTo("MICRO_SERVICE")
                .path("communitySummary.tasksByKind[0].count").entity(Integer.class).isEqualTo(1)
                .path("communitySummary.claims").entity(Integer.class).isEqualTo(2)
                .path("communitySummary.membersServed").entity(Integer.class).isEqualTo(2)
                .path("communitySummary.ratings").entity(Integer.class).isEqualTo(2)
                .path("communitySummary.satisfactionRate").entity(Double.class).isEqualTo(1.0);
        expectError(graphQl.document("{ communitySummary(communityId: \"320613001001\", period: YEAR) { claims } }").execute(), "INVALID_PERIOD");
        graphQl.document("{ communitySummary(communityId: \"nowhere\", period: DAY) { claims } }").execute()
                .path("communitySummary").valueIsNull();
    }

    record Served(String task, Map<String, String> claims) {
    }

    /** A resident's request served by a task the members claim, check in and out of; the task is completed. */
    private Served serve(List<String> who, int windowHours) {
        String request = graphQl.document("mutation($r: ID!) { postRequest(input: {residentId: $r, text: \"楼道灯坏了\"}) { request { id } } }")
                .variable("r", resident).execute().path("postRequest.request.id").entity(String.class).get();
        String task = graphQl.document("""
                        mutation($id: ID!, $start: DateTime!, $end: DateTime!, $n: Int!) { acceptRequest(input: {requestId: $id, newTask: {
                          title: "更换楼道灯", kind: MICRO_SERVICE, difficulty: 1, headcount: $n, startsAt: $start, endsAt: $end,
                          skillIds: ["plumbing_electrical"]}}) { request { task { id } } } }""")
                .variable("id", request).variable("start", startedToday()).variable("end", FlowFixture.at(windowHours * 60L - 30))
                .variable("n", who.size()).execute().path("acceptRequest.request.task.id").entity(String.class).get();
        flow.transition("publishTask", task);
        String code = flow.verificationCode(task);
        Map<String, String> claims = new LinkedHashMap<>();
        for (String member : who) {
            claims.put(member, flow.claimId(task, member));
        }
        for (String claim : claims.values()) {
            flow.check("checkIn", claim, code);
            flow.check("checkOut", claim, code);
        }
        flow.transition("completeTask", task).path("completeTask.task.state").entity(String.class).isEqualTo("COMPLETED");
        return new Served(task, claims);
    }

    /**
     * Half an hour ago, but not before today's Nantong midnight: the daily summary counts tasks starting today (a run
     * in the first half hour after midnight counted the task for yesterday).
     */
    private static String startedToday() {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.time.OffsetDateTime midnight = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        java.time.OffsetDateTime halfAnHourAgo = now.minusMinutes(30);
        return (halfAnHourAgo.isBefore(midnight) ? midnight : halfAnHourAgo).toString();
    }

    /** Ratings in the order resident, community, functional branch. */
    private void ratings(String claim, int... scores) {
        List<String> roles = List.of("RESIDENT", "COMMUNITY", "FUNCTIONAL_BRANCH");
        List<String> raters = List.of(resident, FlowFixture.DEMIN, BRANCH);
        for (int i = 0; i < scores.length; i++) {
            rate(claim, roles.get(i), raters.get(i), scores[i]).path("rateClaim.evaluation.id").hasValue();
        }
    }

    private GraphQlTester.Response rate(String claim, String role, String rater, int score) {
        return graphQl.document(RATE).variable("claim", claim).variable("role", role).variable("rater", rater)
                .variable("score", score).execute();
    }
}
