package cn.nantong.tongtongzai.task;

import static cn.nantong.tongtongzai.support.FlowFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/** 社区下单 and 接单 over GraphQL: every task state transition, claims, team claims and their refusals. */
class TaskFlowTest extends IntegrationTest {

    @Autowired
    Driver driver;

    FlowFixture flow;
    List<String> members;

    @BeforeEach
    void tiny() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        members = flow.confirmedMembers(FlowFixture.DEMIN);
        assertThat(members).hasSizeGreaterThan(6);
    }

    @Test
    void aTaskGoesFromDraftToEvaluatedAndEveryStepIsRecordedWithWhoAndWhen() {
        String task = flow.draft(2, -30);
        flow.transition("publishTask", task).path("publishTask.task.state").entity(String.class).isEqualTo("PUBLISHED");
        assertThat(flow.verificationCode(task)).matches("\\d{6}");
        flow.transition("startTask", task).path("startTask.task.state").entity(String.class).isEqualTo("IN_PROGRESS");
        flow.transition("completeTask", task).path("completeTask.task.state").entity(String.class).isEqualTo("COMPLETED");
        flow.transition("closeTaskEvaluation", task).path("closeTaskEvaluation.task.state").entity(String.class).isEqualTo("EVALUATED");

        graphQl.document("query($id: ID!) { task(id: $id) { history { action from to by at } } }").variable("id", task)
                .execute()
                .path("task.history[*].action").entityList(String.class)
                .containsExactly("CREATE", "PUBLISH", "START", "COMPLETE", "CLOSE_EVALUATION")
                .path("task.history[1].by").entity(String.class).isEqualTo(FlowFixture.SECRETARY)
                .path("task.history[1].to").entity(String.class).isEqualTo("PUBLISHED")
                .path("task.history[4].at").hasValue();
    }

    @Test
    void illegalTransitionsAreRefusedWithTheCurrentState() {
        String task = flow.draft(1, 60);
        expectError(flow.transition("startTask", task), "INVALID_STATE_TRANSITION");
        expectError(flow.transition("completeTask", task), "INVALID_STATE_TRANSITION");
        expectError(flow.transition("closeTaskEvaluation", task), "INVALID_STATE_TRANSITION");
        flow.transition("publishTask", task);
        expectError(flow.transition("publishTask", task), "INVALID_STATE_TRANSITION");
        expectError(flow.transition("completeTask", task), "INVALID_STATE_TRANSITION");
        flow.transition("startTask", task);
        flow.transition("completeTask", task);
        var cancel = graphQl.document("mutation($id: ID!) { cancelTask(input: {taskId: $id, reason: \"天气原因\"}) { task { id } } }")
                .variable("id", task).execute();
        expectError(cancel, "INVALID_STATE_TRANSITION");
        cancel.errors().satisfy(errors -> assertThat(errors.getFirst().getMessage()).contains("已完成"));
        expectError(flow.transition("publishTask", "nope"), "TASK_NOT_FOUND");

        String draft = flow.draft(1, 60);
        graphQl.document("mutation($id: ID!) { cancelTask(input: {taskId: $id, reason: \"需求已由物业解决\"}) { task { state } } }")
                .variable("id", draft).execute().path("cancelTask.task.state").entity(String.class).isEqualTo("CANCELLED");
        expectError(flow.transition("publishTask", draft), "INVALID_STATE_TRANSITION");
    }

    @Test
    void cancellingReleasesTheSeatsAndKeepsTheReason() {
        String task = flow.published(2, 60);
        flow.claimId(task, members.get(0));
        graphQl.document("mutation($id: ID!) { cancelTask(input: {taskId: $id, reason: \"暴雨预警，活动取消\"}) { task { state cancelReason claimed claims(includeWithdrawn: true) { state } } } }")
                .variable("id", task).execute()
                .path("cancelTask.task.state").entity(String.class).isEqualTo("CANCELLED")
                .path("cancelTask.task.cancelReason").entity(String.class).isEqualTo("暴雨预警，活动取消")
                .path("cancelTask.task.claimed").entity(Integer.class).isEqualTo(0)
                .path("cancelTask.task.claims[0].state").entity(String.class).isEqualTo("TASK_CANCELLED");
        expectError(flow.claim(task, members.get(1)), "TASK_NOT_OPEN");
    }

    @Test
    void aPublishedTaskChangesOnlyTitleDescriptionAndHeadcount() {
        String task = flow.published(3, 60);
        flow.claimId(task, members.get(0));
        flow.claimId(task, members.get(1));
        expectError(graphQl.document("mutation($id: ID!) { updateTask(input: {id: $id, headcount: 1}) { task { id } } }")
                .variable("id", task).execute(), "HEADCOUNT_BELOW_CLAIMS");
        expectError(graphQl.document("mutation($id: ID!) { updateTask(input: {id: $id, difficulty: 4}) { task { id } } }")
                .variable("id", task).execute(), "TASK_ALREADY_PUBLISHED");
        graphQl.document("mutation($id: ID!) { updateTask(input: {id: $id, headcount: 5, title: \"楼道灯和电线检修\"}) { task { headcount title openSeats } } }")
                .variable("id", task).execute()
                .path("updateTask.task.headcount").entity(Integer.class).isEqualTo(5)
                .path("updateTask.task.openSeats").entity(Integer.class).isEqualTo(3)
                .path("updateTask.task.title").entity(String.class).isEqualTo("楼道灯和电线检修");
    }

    @Test
    void aMemberClaimsOnceWithinTheHeadcountAndMayWithdrawBeforeTheStart() {
        String task = flow.published(2, 60);
        flow.claim(task, members.get(0))
                .path("claimTask.claim.state").entity(String.class).isEqualTo("ACTIVE")
                .path("claimTask.claim.source").entity(String.class).isEqualTo("SELF")
                .path("claimTask.claim.task.openSeats").entity(Integer.class).isEqualTo(1);
        expectError(flow.claim(task, members.get(0)), "ALREADY_CLAIMED");
        String second = flow.claimId(task, members.get(1));
        expectError(flow.claim(task, members.get(2)), "TASK_FULL");

        graphQl.document("mutation($id: ID!) { withdrawClaim(input: {claimId: $id}) { claim { state withdrawnAt task { openSeats } } } }")
                .variable("id", second).execute()
                .path("withdrawClaim.claim.state").entity(String.class).isEqualTo("WITHDRAWN")
                .path("withdrawClaim.claim.task.openSeats").entity(Integer.class).isEqualTo(1);
        expectError(graphQl.document("mutation($id: ID!) { withdrawClaim(input: {claimId: $id}) { claim { id } } }")
                .variable("id", second).execute(), "CLAIM_NOT_ACTIVE");
        flow.claim(task, members.get(2)).path("claimTask.claim.state").entity(String.class).isEqualTo("ACTIVE");
        // the member who withdrew may claim again while there is a seat
        expectError(flow.claim(task, members.get(1)), "TASK_FULL");
    }

    @Test
    void aSecretaryAssignsAndTheClaimSaysSo() {
        String task = flow.published(1, 60);
        flow.as(FlowFixture.SECRETARY).document("mutation($t: ID!, $m: ID!) { assignTask(input: {taskId: $t, memberId: $m}) { claim { source claimedBy member { id } } } }")
                .variable("t", task).variable("m", members.get(3)).execute()
                .path("assignTask.claim.source").entity(String.class).isEqualTo("ASSIGNED")
                .path("assignTask.claim.claimedBy").entity(String.class).isEqualTo(FlowFixture.SECRETARY);
    }

    @Test
    void aTaskWhoseWindowHasEndedTakesNoMoreClaims() {
        String task = flow.published(2, 60);
        flow.shiftIntoPast(task, 3, 1);
        expectError(flow.claim(task, members.get(0)), "TASK_NOT_OPEN");
    }

    @Test
    void aBuildingWithRequestsOrTasksIsNotDeleted() {
        String task = flow.draft(1, 60); // placed at 320613001001-W01-P1-M01
        database.write("MATCH (m:MicroGrid {id: '320613001001-W01-P1-M01'})<-[l:LIVES_IN]-() DELETE l");
        database.write("MATCH (m:MicroGrid {id: '320613001001-W01-P1-M01'})<-[r:FOR_RESIDENCE]-() DELETE r");
        expectError(graphQl.document("mutation { deleteOrgNode(input: {id: \"320613001001-W01-P1-M01\"}) { id } }").execute(),
                "HAS_DEPENDENTS");
        assertThat(flow.count("MATCH (:Task {id: $id})-[:AT]->(:MicroGrid) RETURN count(*)", Map.of("id", task))).isEqualTo(1);
    }

    @Test
    void withdrawingAfterTheStartIsRefused() {
        String task = flow.published(2, -10);
        String claim = flow.claimId(task, members.get(0));
        expectError(graphQl.document("mutation($id: ID!) { withdrawClaim(input: {claimId: $id}) { claim { id } } }")
                .variable("id", claim).execute(), "WITHDRAW_TOO_LATE");
    }

    @Test
    void onlyMembersRegisteredWithTheCommunityClaim() {
        String task = flow.published(2, 60);
        String other = flow.confirmedMembers(FlowFixture.XIAOSHIQIAO).getFirst();
        expectError(flow.claim(task, other), "NOT_IN_COMMUNITY");
        expectError(flow.claim(task, "M-NOBODY"), "MEMBER_NOT_FOUND");
        expectError(flow.claim("T-NOTHING", members.get(0)), "TASK_NOT_FOUND");
        String draft = flow.draft(1, 60);
        expectError(flow.claim(draft, members.get(0)), "TASK_NOT_OPEN");
    }

    @Test
    void anEmergencyIsClaimedByATeamAndItsMembersConfirmOneByOne() {
        String group = flow.strings("""
                MATCH (:Community {id: $c})-[:HAS_FUNCTIONAL_BRANCH]->(:FunctionalBranch)-[:HAS_FUNCTIONAL_GROUP]->(g:FunctionalGroup)
                WHERE COUNT { (g)<-[:IN_FUNCTIONAL_GROUP]-(:Member) } >= 2
                RETURN g.id ORDER BY g.id LIMIT 1""", Map.of("c", FlowFixture.DEMIN)).getFirst();
        List<String> groupMembers = flow.strings("MATCH (g:FunctionalGroup {id: $g})<-[:IN_FUNCTIONAL_GROUP]-(m:Member) RETURN m.id ORDER BY m.id",
                Map.of("g", group));
        String outsider = members.stream().filter(m -> !groupMembers.contains(m)).findFirst().orElseThrow();

        expectError(graphQl.document("""
                mutation { createTask(input: {communityId: "320613001001", title: "防汛抢险", kind: EMERGENCY, difficulty: 4,
                  headcount: 3, startsAt: "2030-07-01T08:00", endsAt: "2030-07-01T20:00", categoryId: "SAFETY_PATROL"}) { task { id } } }""")
                .execute(), "EMERGENCY_NEEDS_TEAMS");
        String task = graphQl.document("""
                mutation { createTask(input: {communityId: "320613001001", title: "防汛抢险", kind: EMERGENCY, difficulty: 4,
                  headcount: 3, startsAt: "2030-07-01T08:00", endsAt: "2030-07-01T20:00", categoryId: "SAFETY_PATROL",
                  audience: TEAMS, teamIds: ["320613001001-GN"]}) { task { id teams { ... on FunctionalBranch { id } } } } }""")
                .execute().path("createTask.task.teams[0].id").entity(String.class).isEqualTo("320613001001-GN")
                .path("createTask.task.id").entity(String.class).get();
        flow.transition("publishTask", task);
        expectError(flow.claim(task, members.get(0)), "TEAM_TASK");

        String teamClaim = graphQl.document("mutation($t: ID!, $g: ID!) { claimTaskAsTeam(input: {taskId: $t, teamId: $g}) { teamClaim { id team { ... on FunctionalGroup { id name } } } } }")
                .variable("t", task).variable("g", group).execute()
                .path("claimTaskAsTeam.teamClaim.team.id").entity(String.class).isEqualTo(group)
                .path("claimTaskAsTeam.teamClaim.id").entity(String.class).get();
        expectError(graphQl.document("mutation($t: ID!, $g: ID!) { claimTaskAsTeam(input: {taskId: $t, teamId: $g}) { teamClaim { id } } }")
                .variable("t", task).variable("g", group).execute(), "ALREADY_CLAIMED");
        expectError(graphQl.document("mutation($t: ID!) { claimTaskAsTeam(input: {taskId: $t, teamId: \"320613001002-GN\"}) { teamClaim { id } } }")
                .variable("t", task).execute(), "TEAM_NOT_INVITED");

        String confirm = "mutation($tc: ID!, $m: ID!) { confirmTeamClaim(input: {teamClaimId: $tc, memberId: $m}) { claim { source teamClaim { id } } } }";
        graphQl.document(confirm).variable("tc", teamClaim).variable("m", groupMembers.get(0)).execute()
                .path("confirmTeamClaim.claim.source").entity(String.class).isEqualTo("TEAM")
                .path("confirmTeamClaim.claim.teamClaim.id").entity(String.class).isEqualTo(teamClaim);
        expectError(graphQl.document(confirm).variable("tc", teamClaim).variable("m", outsider).execute(), "NOT_IN_TEAM");
        expectError(graphQl.document(confirm).variable("tc", teamClaim).variable("m", groupMembers.get(0)).execute(), "ALREADY_CLAIMED");
        graphQl.document("query($id: ID!) { task(id: $id) { claimed teamClaims { members { member { id } } } } }").variable("id", task)
                .execute().path("task.claimed").entity(Integer.class).isEqualTo(1)
                .path("task.teamClaims[0].members[0].member.id").entity(String.class).isEqualTo(groupMembers.get(0));
    }

    @Test
    void draftsAreValidatedAsAWhole() {
        graphQl.document("""
                mutation { createTask(input: {communityId: "320613001001", title: "x", kind: PROJECT, difficulty: 9,
                  headcount: 0, startsAt: "2030-01-01T12:00", endsAt: "2030-01-01T10:00"}) { task { id } } }""")
                .execute().errors().satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.getFirst().getExtensions()).containsEntry("code", "INVALID_INPUT");
                    assertThat(errors.getFirst().getExtensions().get("problems").toString())
                            .contains("INVALID_TITLE", "INVALID_DIFFICULTY", "INVALID_HEADCOUNT", "INVALID_WINDOW",
                                    "SKILL_OR_CATEGORY_REQUIRED");
                });
        // a time that is not one never reaches the service: the DateTime scalar refuses the whole request
        String before = database.fingerprint();
        graphQl.document("""
                mutation($s: DateTime!) { createTask(input: {communityId: "320613001001", title: "义诊", kind: PROJECT,
                  difficulty: 2, headcount: 3, startsAt: $s, endsAt: "2030-01-01T12:00", skillIds: ["health_check"]}) { task { id } } }""")
                .variable("s", "明天上午").execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("code", "INVALID_TIME");
                    assertThat(error.getMessage()).startsWith("$s 应为时间");
                }));
        expectError(graphQl.document("""
                mutation { createTask(input: {communityId: "320613001001", title: "义诊", kind: PROJECT, difficulty: 2,
                  headcount: 3, startsAt: "2030-01-01 10:00", endsAt: "2030-01-01T12:00", skillIds: ["health_check"]}) { task { id } } }""")
                .execute(), "INVALID_TIME");
        assertThat(database.fingerprint()).isEqualTo(before);
        // any offset is taken and answered in Nantong time
        graphQl.document("""
                mutation { createTask(input: {communityId: "320613001001", title: "义诊", kind: PROJECT, difficulty: 2,
                  headcount: 3, startsAt: "2030-01-01T02:00:00Z", endsAt: "2030-01-01T12:00", skillIds: ["health_check"]}) {
                  task { startsAt endsAt createdAt } } }""").execute()
                .path("createTask.task.startsAt").entity(String.class).isEqualTo("2030-01-01T10:00:00+08:00")
                .path("createTask.task.endsAt").entity(String.class).isEqualTo("2030-01-01T12:00:00+08:00")
                .path("createTask.task.createdAt").entity(String.class).satisfies(at -> assertThat(at).endsWith("+08:00"));
        expectError(graphQl.document("""
                mutation { createTask(input: {communityId: "320613001001", title: "义诊", kind: PROJECT, difficulty: 2,
                  headcount: 3, startsAt: "2030-01-01T10:00", endsAt: "2030-01-01T12:00", skillIds: ["health_check"],
                  placeId: "320613001002-W01-P1-M01"}) { task { id } } }""").execute(), "PLACE_NOT_IN_COMMUNITY");
        expectError(graphQl.document("""
                mutation { createTask(input: {communityId: "320613001001", title: "义诊", kind: PROJECT, difficulty: 2,
                  headcount: 3, startsAt: "2030-01-01T10:00", endsAt: "2030-01-01T09:00", skillIds: ["health_check"]}) { task { id } } }""")
                .execute(), "INVALID_WINDOW");
    }
}
