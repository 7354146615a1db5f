package cn.nantong.tongtongzai.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/**
 * Every refusal of the 四单 mutations comes back with its code and leaves the graph exactly as it was:
 * not one node, relationship or property changed (each mutation is one transaction).
 */
class FlowRefusalsTest extends IntegrationTest {

    @Autowired
    Driver driver;

    Map<String, String> ids;

    @BeforeEach
    void aFlowInProgress() {
        database.loadTiny();
        FlowFixture flow = new FlowFixture(graphQl, driver);
        List<String> members = flow.confirmedMembers(FlowFixture.DEMIN);
        String task = flow.published(1, 180); // check-in opens an hour before the start: not yet
        String claim = flow.claimId(task, members.get(0));
        String draft = flow.draft(1, 60);
        String running = flow.published(2, -30);
        String runningClaim = flow.claimId(running, members.get(1));
        String resident = flow.strings("""
                MATCH (:Community {id: $c})-[:HAS_COMMITTEE]->()-[:HAS_GENERAL_BRANCH]->()-[:HAS_GRID_BRANCH]->()
                      -[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->()<-[:LIVES_IN]-(r:Resident) RETURN r.id ORDER BY r.id LIMIT 1""",
                Map.of("c", FlowFixture.DEMIN)).getFirst();
        String request = graphQl.document("mutation($r: ID!) { postRequest(input: {residentId: $r, text: \"楼道灯坏了\"}) { request { id } } }")
                .variable("r", resident).execute().path("postRequest.request.id").entity(String.class).get();
        String pastDraft = flow.draft(1, -600); // its window ended eight hours ago
        String teamTask = graphQl.document("""
                mutation { createTask(input: {communityId: "320613001001", title: "防汛抢险", kind: EMERGENCY, difficulty: 4,
                  headcount: 3, startsAt: "2030-07-01T08:00", endsAt: "2030-07-01T20:00", categoryId: "SAFETY_PATROL",
                  audience: TEAMS, teamIds: ["320613001001-GN"]}) { task { id } } }""")
                .execute().path("createTask.task.id").entity(String.class).get();
        flow.transition("publishTask", teamTask);
        String rejected = graphQl.document("mutation($r: ID!) { postRequest(input: {residentId: $r, text: \"代办外地过户\"}) { request { id } } }")
                .variable("r", resident).execute().path("postRequest.request.id").entity(String.class).get();
        graphQl.document("mutation($id: ID!) { rejectRequest(input: {requestId: $id, reason: \"超出服务范围\"}) { request { id } } }")
                .variable("id", rejected).execute();
        ids = new java.util.HashMap<>(Map.of("TASK", task, "CLAIM", claim, "DRAFT", draft, "MEMBER", members.get(0),
                "OTHER", members.get(2), "OUTSIDER", flow.confirmedMembers(FlowFixture.XIAOSHIQIAO).getFirst(),
                "REQUEST", request, "RUNNING_CLAIM", runningClaim, "RESIDENT", resident, "PAST_DRAFT", pastDraft));
        ids.put("TEAM_TASK", teamTask);
        ids.put("REJECTED_REQUEST", rejected);
    }

    static Stream<Arguments> refusals() {
        String task = "communityId: \"320613001001\", title: \"义诊\", kind: PROJECT, difficulty: 2, headcount: 3, startsAt: \"2030-01-01T10:00\", endsAt: \"2030-01-01T12:00\"";
        return Stream.of(
                Arguments.of("INVALID_TITLE", "mutation { createTask(input: {" + task.replace("义诊", "义") + ", skillIds: [\"health_check\"]}) { task { id } } }"),
                Arguments.of("SKILL_OR_CATEGORY_REQUIRED", "mutation { createTask(input: {" + task + "}) { task { id } } }"),
                Arguments.of("SKILL_NOT_FOUND", "mutation { createTask(input: {" + task + ", skillIds: [\"juggling\"]}) { task { id } } }"),
                Arguments.of("POST_CATEGORY_NOT_FOUND", "mutation { createTask(input: {" + task + ", categoryId: \"X\"}) { task { id } } }"),
                Arguments.of("COMMUNITY_NOT_FOUND", "mutation { createTask(input: {" + task.replace("320613001001", "nowhere") + ", categoryId: \"HEALTH_CARE\"}) { task { id } } }"),
                Arguments.of("TEAM_NOT_IN_COMMUNITY", "mutation { createTask(input: {" + task + ", categoryId: \"HEALTH_CARE\", audience: TEAMS, teamIds: [\"320613001002-GN\"]}) { task { id } } }"),
                Arguments.of("TEAMS_NOT_ALLOWED", "mutation { createTask(input: {" + task + ", categoryId: \"HEALTH_CARE\", teamIds: [\"320613001001-GN\"]}) { task { id } } }"),
                Arguments.of("INVALID_STATE_TRANSITION", "mutation { publishTask(input: {taskId: \"{TASK}\"}) { task { id } } }"),
                Arguments.of("INVALID_STATE_TRANSITION", "mutation { completeTask(input: {taskId: \"{DRAFT}\"}) { task { id } } }"),
                Arguments.of("INVALID_REASON", "mutation { cancelTask(input: {taskId: \"{TASK}\", reason: \"x\"}) { task { id } } }"),
                Arguments.of("TASK_NOT_FOUND", "mutation { startTask(input: {taskId: \"nope\"}) { task { id } } }"),
                Arguments.of("TASK_ALREADY_PUBLISHED", "mutation { updateTask(input: {id: \"{TASK}\", startsAt: \"2030-01-01T10:00\"}) { task { id } } }"),
                Arguments.of("TASK_FULL", "mutation { claimTask(input: {taskId: \"{TASK}\", memberId: \"{OTHER}\"}) { claim { id } } }"),
                Arguments.of("ALREADY_CLAIMED", "mutation { claimTask(input: {taskId: \"{TASK}\", memberId: \"{MEMBER}\"}) { claim { id } } }"),
                // a claim stays with the member's community (the city's assignTask may seat them as 下沉一线支援: StreetSupportTest)
                Arguments.of("NOT_IN_COMMUNITY", "mutation { claimTask(input: {taskId: \"{TASK}\", memberId: \"{OUTSIDER}\"}) { claim { id } } }"),
                Arguments.of("TASK_NOT_OPEN", "mutation { claimTask(input: {taskId: \"{DRAFT}\", memberId: \"{MEMBER}\"}) { claim { id } } }"),
                Arguments.of("NOT_A_TEAM_TASK", "mutation { claimTaskAsTeam(input: {taskId: \"{TASK}\", teamId: \"320613001001-GN\"}) { teamClaim { id } } }"),
                Arguments.of("TEAM_CLAIM_NOT_FOUND", "mutation { confirmTeamClaim(input: {teamClaimId: \"nope\", memberId: \"{MEMBER}\"}) { claim { id } } }"),
                Arguments.of("CLAIM_NOT_FOUND", "mutation { withdrawClaim(input: {claimId: \"nope\"}) { claim { id } } }"),
                Arguments.of("WITHDRAW_TOO_LATE", "mutation { withdrawClaim(input: {claimId: \"{RUNNING_CLAIM}\"}) { claim { id } } }"),
                Arguments.of("INVALID_VERIFICATION_CODE", "mutation { checkIn(input: {claimId: \"{RUNNING_CLAIM}\", verificationCode: \"abc\"}) { record { id } } }"),
                Arguments.of("OUTSIDE_TASK_WINDOW", "mutation { checkIn(input: {claimId: \"{CLAIM}\", verificationCode: \"000000\"}) { record { id } } }"),
                Arguments.of("NOT_CHECKED_IN", "mutation { checkOut(input: {claimId: \"{RUNNING_CLAIM}\", verificationCode: \"{RUNNING_CODE}\"}) { record { id } } }"),
                Arguments.of("RECORD_NOT_FOUND", "mutation { correctServiceHours(input: {recordId: \"nope\", hours: 1, reason: \"补录\"}) { record { id } } }"),
                Arguments.of("INVALID_HOURS", "mutation { correctServiceHours(input: {recordId: \"nope\", hours: 30, reason: \"补录\"}) { record { id } } }"),
                Arguments.of("POST_CATEGORY_NOT_FOUND", "mutation { createServicePost(input: {communityId: \"320613001001\", name: \"法律援助岗\", categoryId: \"X\"}) { post { id } } }"),
                Arguments.of("POST_NOT_FOUND", "mutation { choosePost(input: {postId: \"nope\", memberId: \"{MEMBER}\"}) { post { id } } }"),
                Arguments.of("INVALID_TEXT", "mutation { postRequest(input: {residentId: \"{RESIDENT}\", text: \"\"}) { request { id } } }"),
                Arguments.of("PLACE_NOT_FOUND", "mutation { postRequest(input: {residentId: \"{RESIDENT}\", text: \"楼道灯坏了\", placeId: \"nope\"}) { request { id } } }"),
                Arguments.of("NOT_A_GRID_WORKER", "mutation { postRequest(input: {residentId: \"{RESIDENT}\", text: \"楼道灯坏了\", enteredById: \"{NON_WORKER}\"}) { request { id } } }"),
                Arguments.of("TASK_OR_NEW_TASK", "mutation { acceptRequest(input: {requestId: \"{REQUEST}\", taskId: \"{TASK}\", newTask: {title: \"维修\", kind: MICRO_SERVICE, difficulty: 1, headcount: 1, startsAt: \"2030-01-01T10:00\", endsAt: \"2030-01-01T12:00\", categoryId: \"HELP_THE_NEEDY\"}}) { request { id } } }"),
                Arguments.of("INVALID_HEADCOUNT", "mutation { acceptRequest(input: {requestId: \"{REQUEST}\", newTask: {title: \"维修\", kind: MICRO_SERVICE, difficulty: 1, headcount: 0, startsAt: \"2030-01-01T10:00\", endsAt: \"2030-01-01T12:00\", categoryId: \"HELP_THE_NEEDY\"}}) { request { id } } }"),
                Arguments.of("REQUEST_NOT_FOUND", "mutation { mergeRequest(input: {requestId: \"{REQUEST}\", intoRequestId: \"nope\"}) { request { id } } }"),
                Arguments.of("TASK_NOT_COMPLETED", "mutation { rateClaim(input: {claimId: \"{CLAIM}\", raterRole: COMMUNITY, raterId: \"320613001001\", score: 5}) { evaluation { id } } }"),
                Arguments.of("INVALID_SCORE", "mutation { rateClaim(input: {claimId: \"{CLAIM}\", raterRole: COMMUNITY, raterId: \"320613001001\", score: 0}) { evaluation { id } } }"),
                Arguments.of("NOT_IN_COMMUNITY", "mutation { addNegativeListEntry(input: {memberId: \"{OUTSIDER}\", communityId: \"320613001001\", reason: \"缺席\"}) { entry { id } } }"),
                Arguments.of("OWNER_NOT_FOUND", "mutation { recordJointMeeting(input: {communityId: \"320613001001\", title: \"联席会议\", heldOn: \"2026-11-20\", problems: [{description: \"停车难\", ownerId: \"U0001\"}, {description: \"加装电梯\", ownerId: \"nope\"}]}) { meeting { id } } }"),
                Arguments.of("TASK_WINDOW_PASSED", "mutation { publishTask(input: {taskId: \"{PAST_DRAFT}\"}) { task { id } } }"),
                Arguments.of("TEAMS_REQUIRED", "mutation { createTask(input: {" + task + ", categoryId: \"HEALTH_CARE\", audience: TEAMS}) { task { id } } }"),
                Arguments.of("INVALID_SKILLS", "mutation { createTask(input: {" + task + ", skillIds: [\"greening\", \"greening\"]}) { task { id } } }"),
                Arguments.of("INVALID_DESCRIPTION", "mutation { createServicePost(input: {communityId: \"320613001001\", name: \"法律援助岗\", categoryId: \"LEGAL_AID\", description: \"" + "长".repeat(501) + "\"}) { post { id } } }"),
                Arguments.of("TEAM_NOT_FOUND", "mutation { claimTaskAsTeam(input: {taskId: \"{TEAM_TASK}\", teamId: \"nope\"}) { teamClaim { id } } }"),
                Arguments.of("INVALID_MERGE_TARGET", "mutation { mergeRequest(input: {requestId: \"{REQUEST}\", intoRequestId: \"{REJECTED_REQUEST}\"}) { request { id } } }"),
                Arguments.of("INVALID_COMMENT", "mutation { rateClaim(input: {claimId: \"{CLAIM}\", raterRole: COMMUNITY, raterId: \"320613001001\", score: 5, comment: \"" + "好".repeat(501) + "\"}) { evaluation { id } } }"),
                Arguments.of("NEGATIVE_ENTRY_NOT_FOUND", "mutation { revokeNegativeListEntry(input: {entryId: \"nope\", reason: \"误记\"}) { entry { id } } }"),
                Arguments.of("INVALID_YEAR", "{ interviewList(year: 1900) { edges { node { rate } } } }"),
                Arguments.of("INVALID_QUARTER", "{ reportBack(unitId: \"U0001\", quarter: \"Q3\") { edges { node { claims } } } }"),
                Arguments.of("PROBLEM_NOT_FOUND", "mutation { resolveMeetingProblem(input: {problemId: \"nope\", resolution: \"已解决\"}) { meeting { id } } }"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusals")
    void refusesWithItsCodeAndChangesNothing(String code, String template) {
        String document = template;
        for (var id : ids.entrySet()) {
            document = document.replace("{" + id.getKey() + "}", id.getValue());
        }
        if (document.contains("{RUNNING_CODE}")) {
            document = document.replace("{RUNNING_CODE}", new FlowFixture(graphQl, driver).verificationCode(
                    driver.executableQuery("MATCH (:Claim {id: $id})-[:FOR_TASK]->(t) RETURN t.id")
                            .withParameters(Map.of("id", ids.get("RUNNING_CLAIM"))).execute().records().getFirst().get(0).asString()));
        }
        if (document.contains("{NON_WORKER}")) {
            document = document.replace("{NON_WORKER}", driver.executableQuery("MATCH (m:Member) WHERE size(m.roles) = 0 RETURN m.id ORDER BY m.id LIMIT 1")
                    .execute().records().getFirst().get(0).asString());
        }
        String before = database.fingerprint();
        graphQl.document(document).execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().getExtensions()).containsEntry("code", code);
            assertThat(errors.getFirst().getMessage()).isNotBlank().doesNotContain("Exception");
        });
        assertThat(database.fingerprint()).isEqualTo(before);
    }
}
