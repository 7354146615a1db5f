package cn.nantong.tongtongzai.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/**
 * Every role against every sensitive query and mutation, over real HTTP with signed tokens: the roles whose
 * scope reaches the thing succeed, every other one is refused (FORBIDDEN or NOT_FOUND) and the graph is unchanged.
 * On the tiny data: 德民社区 (the served member, resident and tasks) and 小石桥社区 (elsewhere), one street.
 */
class RoleMatrixTest extends IntegrationTest {

    private static final Set<String> REFUSALS = Set.of("FORBIDDEN", "NOT_FOUND");
    private static final Set<String> MANAGERS = Set.of("secretary", "first-secretary", "street-admin", "city-admin");

    @Autowired
    Driver driver;

    private FlowFixture flow;
    private FlowFixture.Served served;
    private String draft;
    private String memberGrid;
    private String memberUnit;
    private String otherMember;
    private String elsewhereMember;
    private String otherResident;
    private final Map<String, Actor> actors = new LinkedHashMap<>();

    @BeforeEach
    void servedFlowAndOneUserPerRoleAndScope() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        served = flow.servedAndRatedRequest();
        draft = flow.draft(2, 600);
        otherMember = flow.confirmedMembers(FlowFixture.DEMIN).get(2);
        elsewhereMember = flow.confirmedMembers(FlowFixture.XIAOSHIQIAO).getFirst();
        memberGrid = one("""
                MATCH (:Member {id: $id})-[:LIVES_IN]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)
                      -[:SERVES_GRID]->(g:Grid) RETURN g.id""", served.member());
        memberUnit = one("MATCH (:Member {id: $id})-[:WORKS_AT]->(u:Unit) RETURN u.id", served.member());
        otherResident = one("""
                MATCH (:Community {id: $id})-[:HAS_GRID]->(:Grid)<-[:SERVES_GRID]-(:GridBranch)-[:HAS_PARTY_GROUP]->()
                      -[:HAS_MICRO_GRID]->()<-[:LIVES_IN]-(r:Resident) RETURN r.id ORDER BY r.id DESC LIMIT 1""", FlowFixture.DEMIN);
        String elsewhereGrid = one("MATCH (:Community {id: $id})-[:HAS_GRID]->(g:Grid) RETURN g.id LIMIT 1", FlowFixture.XIAOSHIQIAO);
        String otherUnit = one("MATCH (u:Unit) WHERE u.id <> $id RETURN u.id ORDER BY u.id LIMIT 1", memberUnit);
        String demin = FlowFixture.DEMIN;
        user("resident", Role.RESIDENT, Scope.none().resident(served.resident()).community(demin));
        user("resident-other", Role.RESIDENT, Scope.none().resident(otherResident).community(demin));
        user("member", Role.MEMBER, Scope.none().member(served.member()).community(demin));
        user("member-other", Role.MEMBER, Scope.none().member(otherMember).community(demin));
        user("member-elsewhere", Role.MEMBER, Scope.none().member(elsewhereMember).community(FlowFixture.XIAOSHIQIAO));
        user("grid-leader", Role.GRID_LEADER, Scope.none().grid(memberGrid).community(demin));
        user("grid-leader-elsewhere", Role.GRID_LEADER, Scope.none().grid(elsewhereGrid));
        user("group-leader", Role.GROUP_LEADER, Scope.none().group(demin + "-GN-nobody"));
        user("secretary", Role.COMMUNITY_SECRETARY, Scope.none().community(demin));
        user("first-secretary", Role.FIRST_SECRETARY, Scope.none().community(demin));
        user("secretary-elsewhere", Role.COMMUNITY_SECRETARY, Scope.none().community(FlowFixture.XIAOSHIQIAO));
        user("unit-secretary", Role.UNIT_SECRETARY, Scope.none().unit(memberUnit));
        user("unit-secretary-elsewhere", Role.UNIT_SECRETARY, Scope.none().unit(otherUnit));
        user("street-admin", Role.STREET_ADMIN, Scope.none().street("320613001"));
        user("street-admin-elsewhere", Role.STREET_ADMIN, Scope.none().street("320612001"));
        actors.put("city-admin", TestTokens.cityAdmin("city-admin"));
        user("analyst", Role.ANALYST, Scope.none());
    }

    @Test
    void queriesAnswerOnlyTheRolesWhoseScopeReachesWhatTheyAsk() {
        query("member(id: \"%s\") { id phone skills { level } }".formatted(served.member()),
                with(MANAGERS, "member", "grid-leader", "unit-secretary"));
        query("request(id: \"%s\") { text resident { id } }".formatted(served.request()),
                with(MANAGERS, "resident", gridOfRequestIsMemberGrid() ? "grid-leader" : "secretary"));
        query("resident(id: \"%s\") { id phone }".formatted(served.resident()),
                with(MANAGERS, "resident", residentLivesInMemberGrid() ? "grid-leader" : "secretary"));
        query("task(id: \"%s\") { id title }".formatted(draft),
                with(MANAGERS, taskInMemberGrid(draft) ? "grid-leader" : "secretary"));
        query("task(id: \"%s\") { id title }".formatted(served.openTask()),
                with(MANAGERS, "member", "member-other", taskInMemberGrid(served.openTask()) ? "grid-leader" : "secretary"));
        query("claim(id: \"%s\") { id state }".formatted(served.claim()), with(MANAGERS, "member", "resident",
                taskInMemberGrid(served.task()) ? "grid-leader" : "secretary"));
        query("members(filter: {communityId: \"%s\"}, first: 5) { edges { node { id } } }".formatted(FlowFixture.DEMIN),
                with(MANAGERS, "analyst"));
        // analysts never filter by unit, grid or group: it would tell them every member's unit (probe finding 5)
        query("members(filter: {unitId: \"%s\"}, first: 5) { edges { node { id } } }".formatted(memberUnit),
                Set.of("city-admin", "unit-secretary"));
        query("requests(filter: {communityId: \"%s\"}) { edges { node { id } } }".formatted(FlowFixture.DEMIN), MANAGERS);
        // a grid leader follows the requests of the residents of their grid (提人知事)
        query("requests(filter: {residentId: \"%s\"}) { edges { node { id } } }".formatted(served.resident()),
                with(MANAGERS, "resident", residentLivesInMemberGrid() ? "grid-leader" : "secretary"));
        query("figures(scope: COMMUNITY, id: \"%s\") { roster }".formatted(FlowFixture.DEMIN), with(MANAGERS, "analyst"));
        query("figures(scope: CITY) { roster }", Set.of("city-admin", "analyst"));
        query("reportBack(unitId: \"%s\", quarter: \"2026-Q4\") { edges { node { hours } } }".formatted(memberUnit),
                Set.of("unit-secretary", "city-admin"));
        query("interviewList(year: 2026, communityId: \"%s\") { edges { node { rate } } }".formatted(FlowFixture.DEMIN),
                MANAGERS);
        query("negativeList(communityId: \"%s\") { edges { node { id } } }".formatted(FlowFixture.DEMIN), MANAGERS);
        query("capabilityGaps(communityId: \"%s\") { gaps { skill { id } } }".formatted(FlowFixture.DEMIN), MANAGERS);
        query("recommendMembers(taskId: \"%s\") { member { id } }".formatted(served.openTask()), MANAGERS);
        query("unitReportingRates { edges { node { reportingRate } } }", Set.of("city-admin", "analyst"));
    }

    @Test
    void theListsOfEachRolesDayAnswerOnlyWithinScope() {
        String demin = FlowFixture.DEMIN;
        query("registrations(filter: {communityId: \"%s\", state: CONFIRMED}) { edges { node { id } } }".formatted(demin),
                MANAGERS);
        query("residents(filter: {communityId: \"%s\"}) { edges { node { id } } }".formatted(demin), MANAGERS);
        query("residents(filter: {gridId: \"%s\"}) { edges { node { id phone } } }".formatted(memberGrid),
                with(MANAGERS, "grid-leader"));
        query("requests(filter: {gridId: \"%s\"}) { edges { node { id } } }".formatted(memberGrid),
                with(MANAGERS, "grid-leader"));
        query("tasks(filter: {gridId: \"%s\"}) { edges { node { id } } }".formatted(memberGrid),
                with(MANAGERS, "grid-leader"));
        query("tasks(filter: {teamId: \"%s\"}) { edges { node { id } } }".formatted(demin + "-GN1"), MANAGERS);
        query("members(filter: {functionalGroupId: \"%s\"}) { edges { node { id } } }".formatted(demin + "-GN1"),
                MANAGERS);
        query("member(id: \"%s\") { taskMenu { rank } teamClaimsToConfirm { id } }".formatted(served.member()),
                with(MANAGERS, "member", "grid-leader"));
        query("resident(id: \"%s\") { services { edges { node { id } } } toRate { edges { node { id } } } }"
                .formatted(served.resident()), with(MANAGERS, "resident", residentLivesInMemberGrid() ? "grid-leader" : "secretary"));
        // a group leader reaches their own group's members and offered tasks, not another group's
        Actor leader = TestTokens.user("group-leader-gn1", Role.GROUP_LEADER, Scope.none().group(demin + "-GN1"));
        as(leader).document("{ members(filter: {functionalGroupId: \"%s\"}) { edges { node { id phone } } } }".formatted(demin + "-GN1"))
                .execute().errors().verify();
        as(leader).document("{ tasks(filter: {teamId: \"%s\"}) { edges { node { id } } } }".formatted(demin + "-GN1"))
                .execute().errors().verify();
        as(leader).document("{ tasks(filter: {teamId: \"%s\"}) { edges { node { id } } } }".formatted(demin + "-GN2"))
                .execute().errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getExtensions().get("code"))
                        .containsExactly("NOT_FOUND"));
    }

    @Test
    void mutationsChangeNothingForRolesOutsideTheirScope() {
        mutation("publishTask(input: {taskId: \"%s\"}) { task { state } }".formatted(draft), MANAGERS);
        mutation("claimTask(input: {taskId: \"%s\", memberId: \"%s\"}) { claim { id } }".formatted(served.openTask(), otherMember),
                with(MANAGERS, "member-other"));
        mutation("updateMember(input: {id: \"%s\", interests: [\"书法\"]}) { member { id } }".formatted(served.member()),
                with(MANAGERS, "member", "unit-secretary"));
        mutation("rateClaim(input: {claimId: \"%s\", raterRole: RESIDENT, raterId: \"%s\", score: 4}) { evaluation { id } }"
                .formatted(served.claim(), served.resident()), with(MANAGERS, "resident"));
        mutation("postRequest(input: {residentId: \"%s\", text: \"下水道堵了\"}) { request { id } }".formatted(served.resident()),
                with(MANAGERS, "resident", residentLivesInMemberGrid() ? "grid-leader" : "secretary"));
        mutation("""
                createTask(input: {communityId: "%s", title: "义诊", kind: MICRO_SERVICE, difficulty: 1, headcount: 1,
                  startsAt: "%s", endsAt: "%s", skillIds: ["plumbing_electrical"]}) { task { id } }"""
                .formatted(FlowFixture.XIAOSHIQIAO, FlowFixture.at(600), FlowFixture.at(660)),
                Set.of("secretary-elsewhere", "street-admin", "city-admin"));
        mutation("addNegativeListEntry(input: {memberId: \"%s\", communityId: \"%s\", reason: \"多次无故缺席\"}) { entry { id } }"
                .formatted(served.member(), FlowFixture.DEMIN), MANAGERS);
        mutation("withdrawClaim(input: {claimId: \"%s\"}) { claim { state } }".formatted(claimOf(served.openTask())),
                with(MANAGERS, "member-owner"));
    }

    @Test
    void everyOtherQueryAnswersOnlyWithinScope() {
        String registration = one("MATCH (:Member {id: $id})-[:REGISTERED]->(r:Registration) RETURN r.id", served.member());
        String record = one("MATCH (:Claim {id: $id})<-[:FOR_CLAIM]-(r:ServiceRecord) RETURN r.id", served.claim());
        String post = post();
        String demin = FlowFixture.DEMIN;
        query("registration(id: \"%s\") { state }".formatted(registration), with(MANAGERS, "member", "unit-secretary"));
        query("serviceRecord(id: \"%s\") { hours }".formatted(record), with(MANAGERS, "member"));
        query("servicePost(id: \"%s\") { name }".formatted(post), with(MANAGERS, "member", "member-other"));
        query("servicePosts(communityId: \"%s\") { edges { node { name } } }".formatted(demin),
                with(MANAGERS, "member", "member-other"));
        query("jointMeetings(communityId: \"%s\") { edges { node { id } } }".formatted(demin), MANAGERS);
        query("communitySummary(communityId: \"%s\", period: MONTH) { requestsReceived }".formatted(demin), MANAGERS);
        query("awardList(year: 2026, unitId: \"%s\") { edges { node { rate } } }".formatted(memberUnit),
                Set.of("unit-secretary", "city-admin"));
        query("inactiveMembers(scope: COMMUNITY, id: \"%s\") { edges { node { id } } }".formatted(demin), MANAGERS);
        query("inactiveMembers(scope: GRID, id: \"%s\") { edges { node { id } } }".formatted(memberGrid),
                with(MANAGERS, "grid-leader"));
        query("figureTrend(scope: UNIT, id: \"%s\", periods: 2) { roster }".formatted(memberUnit),
                Set.of("unit-secretary", "city-admin", "analyst"));
        query("members(filter: {gridId: \"%s\"}) { edges { node { id } } }".formatted(memberGrid),
                with(MANAGERS, "grid-leader"));
        query("negativeList(memberId: \"%s\") { edges { node { id } } }".formatted(served.member()), with(MANAGERS, "member"));
        query("member(id: \"%s\") { interviews { id } }".formatted(served.member()), with(MANAGERS, "member", "unit-secretary"));
        query("community(id: \"%s\") { unitFeedback { edges { node { id } } } }".formatted(demin), MANAGERS);
        query("auditLog(first: 1) { edges { node { id } } }", Set.of("city-admin"));
        query("me { id }", actors.keySet());
    }

    @Test
    void everyOtherMutationChangesNothingOutsideItsScope() {
        String demin = FlowFixture.DEMIN;
        String home = "320613001001-W01-P1-M01";
        String registration = one("MATCH (:Member {id: $id})-[:REGISTERED]->(r:Registration) RETURN r.id", served.member());
        String record = one("MATCH (:Claim {id: $id})<-[:FOR_CLAIM]-(r:ServiceRecord) RETURN r.id", served.claim());
        String pending = one("""
                MATCH (q:Request {state: 'SUBMITTED'})-[:POSTED_BY]->(:Resident {id: $id}) RETURN q.id LIMIT 1""", served.resident());
        String post = post();
        String entry = graphQl.document("mutation { addNegativeListEntry(input: {memberId: \"%s\", communityId: \"%s\", reason: \"缺席\"}) { entry { id } } }"
                .formatted(otherMember, demin)).execute().path("addNegativeListEntry.entry.id").entity(String.class).get();
        String problem = graphQl.document("""
                mutation { recordJointMeeting(input: {communityId: "%s", title: "一季度联席会议", heldOn: "2026-11-01",
                  problems: [{description: "小区停车难", ownerId: "%s"}]}) { meeting { problems { id } } } }"""
                .formatted(demin, demin)).execute().path("recordJointMeeting.meeting.problems[0].id").entity(String.class).get();
        String gridBranch = one("MATCH (b:GridBranch)-[:SERVES_GRID]->(:Grid {id: $id}) RETURN b.id", memberGrid);
        String compound = one("MATCH (:Community {id: $id})-[:HAS_COMPOUND]->(x:Compound) RETURN x.id ORDER BY x.id LIMIT 1", demin);
        String elsewhereUnit = one("MATCH (:Member {id: $id})-[:WORKS_AT]->(u:Unit) RETURN u.id", elsewhereMember);
        String openClaim = claimOf(served.openTask());
        String homeGrid = oneOrNull("""
                MATCH (:MicroGrid {id: $id})<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)
                      -[:SERVES_GRID]->(g:Grid) RETURN g.id""", home);
        String gridOfHome = memberGrid.equals(homeGrid) ? "grid-leader" : "secretary";

        mutation("confirmRegistration(input: {registrationId: \"%s\"}) { registration { state } }".formatted(registration), MANAGERS);
        mutation("rejectRegistration(input: {registrationId: \"%s\", reason: \"不符\"}) { registration { state } }".formatted(registration), MANAGERS);
        // only those who already reach the member: themselves, their unit, where they live (小石桥社区)
        Set<String> registering = new LinkedHashSet<>(Set.of("member-elsewhere", "secretary-elsewhere", "street-admin",
                "city-admin"));
        if (elsewhereUnit.equals(memberUnit)) {
            registering.add("unit-secretary");
        }
        mutation("registerMember(input: {memberId: \"%s\", communityId: \"%s\", residenceId: \"%s\", channel: ONLINE}) { registration { id } }"
                .formatted(elsewhereMember, demin, home), registering);
        mutation("createMember(input: {name: \"新党员\", gender: MALE, birthYear: 1990, phone: \"13700000001\", unitId: \"%s\", residenceId: \"%s\"}) { member { id } }"
                .formatted(memberUnit, home), with(MANAGERS, "unit-secretary"));
        mutation("pairUnit(input: {unitId: \"%s\", communityId: \"%s\", responsibilities: [MANPOWER]}) { unit { id } }"
                .formatted(elsewhereUnit, demin), MANAGERS);
        mutation("createResident(input: {name: \"新居民\", phone: \"13700000002\", residenceId: \"%s\"}) { resident { id } }"
                .formatted(home), with(MANAGERS, gridOfHome));
        mutation("updateResident(input: {id: \"%s\", name: \"改名\"}) { resident { id } }".formatted(served.resident()),
                with(MANAGERS, "resident", residentLivesInMemberGrid() ? "grid-leader" : "secretary"));
        mutation("correctRequestClassification(input: {requestId: \"%s\", skillIds: [\"plumbing_electrical\"]}) { request { id } }"
                .formatted(pending), MANAGERS);
        mutation("mergeRequest(input: {requestId: \"%s\", intoRequestId: \"%s\"}) { request { id } }"
                .formatted(pending, served.request()), MANAGERS);
        mutation("rejectRequest(input: {requestId: \"%s\", reason: \"重复\"}) { request { id } }".formatted(pending), MANAGERS);
        mutation("acceptRequest(input: {requestId: \"%s\", taskId: \"%s\"}) { request { id } }".formatted(pending, draft), MANAGERS);
        mutation("updateTask(input: {id: \"%s\", title: \"改标题\"}) { task { id } }".formatted(draft), MANAGERS);
        mutation("assignTask(input: {taskId: \"%s\", memberId: \"%s\"}) { claim { id } }".formatted(served.openTask(), otherMember), MANAGERS);
        mutation("claimTaskAsTeam(input: {taskId: \"%s\", teamId: \"%s-GN\"}) { teamClaim { id } }".formatted(served.openTask(), demin), MANAGERS);
        mutation("checkIn(input: {claimId: \"%s\", verificationCode: \"000000\"}) { record { id } }".formatted(openClaim),
                with(MANAGERS, "member-owner"));
        mutation("correctServiceHours(input: {recordId: \"%s\", hours: 1.5, reason: \"补录\"}) { record { id } }".formatted(record), MANAGERS);
        mutation("createServicePost(input: {communityId: \"%s\", name: \"法律援助岗\", categoryId: \"LEGAL_AID\"}) { post { id } }"
                .formatted(demin), MANAGERS);
        mutation("updateServicePost(input: {id: \"%s\", name: \"改名岗\"}) { post { id } }".formatted(post), MANAGERS);
        mutation("choosePost(input: {postId: \"%s\", memberId: \"%s\"}) { post { id } }".formatted(post, served.member()),
                with(MANAGERS, "member"));
        mutation("revokeNegativeListEntry(input: {entryId: \"%s\", reason: \"核实有误\"}) { entry { id } }".formatted(entry), MANAGERS);
        mutation("resolveMeetingProblem(input: {problemId: \"%s\", resolution: \"已协调车位\"}) { meeting { id } }".formatted(problem), MANAGERS);
        // 约谈 by the member's unit or community (rated 2, 2 and 5, the served member is on the list); 单位反馈 by the unit
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        mutation("recordInterview(input: {memberId: \"%s\", year: %d, heldOn: \"%s\", interviewer: \"社区书记\", outcome: REMINDER, notes: \"谈话提醒\"}) { interview { id } }"
                .formatted(served.member(), today.getYear(), today), with(MANAGERS, "unit-secretary"));
        mutation("commentOnReportBack(input: {unitId: \"%s\", memberId: \"%s\", quarter: \"%s\", kind: COMMENDATION, text: \"服务认真\"}) { feedback { id } }"
                .formatted(memberUnit, served.member(), today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1)),
                Set.of("unit-secretary", "city-admin"));
        mutation("createOrgNode(input: {level: GENERAL_BRANCH, parentId: \"%s\", name: \"第二党总支\"}) { node { id } }"
                .formatted(demin), MANAGERS);
        mutation("renameOrgNode(input: {id: \"%s\", name: \"德民新社区\"}) { node { id } }".formatted(demin),
                Set.of("street-admin", "city-admin"));
        mutation("renameOrgNode(input: {id: \"%s\", name: \"一号楼\"}) { node { id } }".formatted(home), MANAGERS);
        mutation("updateMicroGrid(input: {id: \"%s\", building: 9}) { node { id } }".formatted(home), MANAGERS);
        mutation("createCompound(input: {communityId: \"%s\", name: \"新小区\", kind: OLD}) { compound { id } }".formatted(demin), MANAGERS);
        mutation("createFunctionalGroup(input: {gridBranchId: \"%s\", name: \"新功能小组\"}) { functionalGroup { id } }".formatted(gridBranch), MANAGERS);
        mutation("createOwnersCommittee(input: {compoundId: \"%s\", name: \"业委会\"}) { id }".formatted(compound), MANAGERS);
        mutation("setFunctionalBranchSecretary(input: {id: \"%s-GN\", memberId: \"%s\"}) { functionalBranch { id } }"
                .formatted(demin, served.member()), MANAGERS);
        mutation("importMembers(input: {members: []}) { imported }", Set.of("city-admin"));
        mutation("createUnit(input: {name: \"新单位\", kind: GOVERNMENT_ORGAN}) { unit { id } }",
                Set.of("street-admin", "street-admin-elsewhere", "city-admin"));
        mutation("updateUnit(input: {id: \"%s\", name: \"新名\"}) { unit { id } }".formatted(memberUnit),
                Set.of("unit-secretary", "city-admin"));
        mutation("updatePartyOrg(input: {id: \"%s-PO\", name: \"新党委\"}) { partyOrg { id } }".formatted(memberUnit),
                Set.of("unit-secretary", "city-admin"));
        mutation("startMatching(input: {communityId: \"%s\", seconds: 1}) { job { id } }".formatted(demin), MANAGERS);
        mutation("cancelTask(input: {taskId: \"%s\", reason: \"天气\"}) { task { state } }".formatted(draft), MANAGERS);
        mutation("completeTask(input: {taskId: \"%s\"}) { task { state } }".formatted(served.openTask()), MANAGERS);
        mutation("moveMember(input: {memberId: \"%s\", communityId: \"%s\", residenceId: \"%s\", channel: ONLINE}) { registration { id } }"
                .formatted(served.member(), FlowFixture.XIAOSHIQIAO, "320613001002-W01-P1-M01"),
                with(MANAGERS, "member"));
    }

    @Test
    void theRemainingMutationsToo() {
        String demin = FlowFixture.DEMIN;
        String compound = one("MATCH (:Community {id: $id})-[:HAS_COMPOUND]->(x:Compound) RETURN x.id ORDER BY x.id LIMIT 1", demin);
        String group = one("""
                MATCH (:Community {id: $id})-[:HAS_FUNCTIONAL_BRANCH]->()-[:HAS_FUNCTIONAL_GROUP]->(g) RETURN g.id ORDER BY g.id LIMIT 1""", demin);
        String gridBranch = one("MATCH (b:GridBranch)-[:SERVES_GRID]->(:Grid {id: $id}) RETURN b.id", memberGrid);
        String elsewhereUnit = one("MATCH (:Member {id: $id})-[:WORKS_AT]->(u:Unit) RETURN u.id", elsewhereMember);
        String owners = one("MATCH (o:OwnersCommittee) RETURN o.id ORDER BY o.id LIMIT 1", "");
        String company = one("MATCH (p:PropertyCompany) RETURN p.id ORDER BY p.id LIMIT 1", "");
        String post = post();
        String openClaim = claimOf(served.openTask());
        String job = graphQl.document("mutation { startMatching(input: {communityId: \"%s\", seconds: 1}) { job { id } } }".formatted(demin))
                .execute().path("startMatching.job.id").entity(String.class).get();

        for (String field : new String[] {"unpairUnit", "stationUnit", "unstationUnit"}) {
            mutation("%s(input: {unitId: \"%s\", communityId: \"%s\"}) { unit { id } }".formatted(field, elsewhereUnit, demin), MANAGERS);
        }
        mutation("createPropertyCompany(input: {name: \"新物业\", compoundIds: [\"%s\"]}) { id }".formatted(compound), MANAGERS);
        mutation("updateOwnersCommittee(input: {id: \"%s\", name: \"业委会\"}) { id }".formatted(owners), managersOf(
                one("MATCH (:OwnersCommittee {id: $id})-[:OF_COMPOUND]->(:Compound)<-[:HAS_COMPOUND]-(c) RETURN c.id", owners)));
        mutation("updatePropertyCompany(input: {id: \"%s\", name: \"物业\"}) { id }".formatted(company), managersOf(
                one("MATCH (:PropertyCompany {id: $id})-[:MANAGES]->(:Compound)<-[:HAS_COMPOUND]-(c) RETURN c.id LIMIT 1", company)));
        mutation("updateCompound(input: {id: \"%s\", name: \"改名小区\"}) { compound { id } }".formatted(compound), MANAGERS);
        mutation("updateFunctionalGroup(input: {id: \"%s\", name: \"改名小组\"}) { functionalGroup { id } }".formatted(group), MANAGERS);
        mutation("setGridBranchDeputySecretary(input: {id: \"%s\", memberId: \"%s\"}) { node { id } }".formatted(gridBranch, served.member()),
                MANAGERS);
        mutation("leavePost(input: {postId: \"%s\", memberId: \"%s\"}) { post { id } }".formatted(post, served.member()),
                with(MANAGERS, "member"));
        for (String field : new String[] {"checkInAtPost", "checkOutAtPost"}) {
            mutation("%s(input: {postId: \"%s\", memberId: \"%s\", verificationCode: \"000000\"}) { record { id } }"
                    .formatted(field, post, served.member()), with(MANAGERS, "member"));
        }
        mutation("checkOut(input: {claimId: \"%s\", verificationCode: \"000000\"}) { record { id } }".formatted(openClaim),
                with(MANAGERS, "member-owner"));
        mutation("startTask(input: {taskId: \"%s\"}) { task { state } }".formatted(served.openTask()), MANAGERS);
        mutation("closeTaskEvaluation(input: {taskId: \"%s\"}) { task { state } }".formatted(served.task()), MANAGERS);
        for (String field : new String[] {"rejectProposals", "acceptProposals", "stopMatching"}) {
            mutation("%s(input: {jobId: \"%s\"}) { __typename }".formatted(field, job), MANAGERS);
        }
        deletion(() -> graphQl.document("mutation { createFunctionalGroup(input: {gridBranchId: \"%s\", name: \"临时小组\"}) { functionalGroup { id } } }"
                .formatted(gridBranch)).execute().path("createFunctionalGroup.functionalGroup.id").entity(String.class).get(),
                id -> "deleteFunctionalGroup(input: {id: \"%s\"}) { id }".formatted(id), MANAGERS);
        deletion(() -> graphQl.document("mutation { createOrgNode(input: {level: GENERAL_BRANCH, parentId: \"%s\", name: \"临时党总支\"}) { node { id } } }"
                .formatted(demin)).execute().path("createOrgNode.node.id").entity(String.class).get(),
                id -> "deleteOrgNode(input: {id: \"%s\"}) { id }".formatted(id), MANAGERS);
        deletion(() -> graphQl.document("mutation { createCompound(input: {communityId: \"%s\", name: \"临时小区\", kind: OLD}) { compound { id } } }"
                .formatted(demin)).execute().path("createCompound.compound.id").entity(String.class).get(),
                id -> "deleteCompound(input: {id: \"%s\"}) { id }".formatted(id), MANAGERS);
    }

    @Test
    void teamClaimsAreConfirmedByTheMemberTheirGroupLeaderOrTheCommunity() {
        String demin = FlowFixture.DEMIN;
        String group = one("""
                MATCH (:Community {id: $id})-[:HAS_FUNCTIONAL_BRANCH]->()-[:HAS_FUNCTIONAL_GROUP]->(g) RETURN g.id ORDER BY g.id LIMIT 1""", demin);
        // a member of the group who is none of the matrix's own users
        String inGroup = flow.strings("""
                MATCH (m:Member)-[:IN_FUNCTIONAL_GROUP]->(:FunctionalGroup {id: $id}) WHERE NOT m.id IN $users
                RETURN m.id ORDER BY m.id LIMIT 1""", Map.of("id", group, "users", List.of(served.member(), otherMember,
                elsewhereMember))).getFirst();
        String task = graphQl.document("""
                mutation { createTask(input: {communityId: "%s", title: "防汛抢险", kind: EMERGENCY, difficulty: 4, headcount: 3,
                  startsAt: "2030-07-01T08:00", endsAt: "2030-07-01T20:00", categoryId: "SAFETY_PATROL", audience: TEAMS,
                  teamIds: ["%s-GN"]}) { task { id } } }""".formatted(demin, demin)).execute()
                .path("createTask.task.id").entity(String.class).get();
        flow.transition("publishTask", task);
        String teamClaim = graphQl.document("mutation { claimTaskAsTeam(input: {taskId: \"%s\", teamId: \"%s\"}) { teamClaim { id } } }"
                .formatted(task, group)).execute().path("claimTaskAsTeam.teamClaim.id").entity(String.class).get();
        actors.put("group-member", TestTokens.user("group-member", Role.MEMBER, Scope.none().member(inGroup).community(demin)));
        actors.put("its-group-leader", TestTokens.user("its-group-leader", Role.GROUP_LEADER, Scope.none().group(group)));
        mutation("confirmTeamClaim(input: {teamClaimId: \"%s\", memberId: \"%s\"}) { claim { id } }".formatted(teamClaim, inGroup),
                with(MANAGERS, "group-member", "its-group-leader"));
    }

    // helpers

    private void query(String field, Set<String> allowed) {
        for (var entry : actors.entrySet()) {
            List<ResponseError> errors = as(entry.getValue()).document("{ " + field + " }").execute().returnResponse()
                    .getErrors();
            if (allowed.contains(entry.getKey())) {
                assertThat(errors).as(entry.getKey() + " may ask " + field).isEmpty();
            } else {
                assertThat(errors).as(entry.getKey() + " may not ask " + field).isNotEmpty();
                assertThat(code(errors.getFirst())).as(entry.getKey() + " asking " + field + ": " + errors).isIn(REFUSALS);
            }
        }
    }

    private void mutation(String field, Set<String> allowed) {
        String before = database.fingerprint();
        for (var entry : actors.entrySet()) {
            if (allowed.contains(entry.getKey())) {
                continue;
            }
            List<ResponseError> errors = as(entry.getValue()).document("mutation { " + field + " }").execute()
                    .returnResponse().getErrors();
            assertThat(errors).as(entry.getKey() + " may not do " + field).isNotEmpty();
            assertThat(code(errors.getFirst())).as(entry.getKey() + " doing " + field).isIn(REFUSALS);
        }
        assertThat(database.fingerprint()).as("nothing changed by refused " + field).isEqualTo(before);
        for (var entry : actors.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                continue;
            }
            List<ResponseError> errors = as(entry.getValue()).document("mutation { " + field + " }").execute()
                    .returnResponse().getErrors();
            // the first allowed caller changes the state; later ones may meet a state rule, never a refusal
            errors.forEach(error -> assertThat(code(error)).as(entry.getKey() + " may do " + field).isNotIn(REFUSALS));
        }
    }

    /** A deletion: refused callers try one fresh thing and change nothing; each allowed one deletes its own. */
    private void deletion(java.util.function.Supplier<String> create, java.util.function.Function<String, String> delete,
            Set<String> allowed) {
        String target = create.get();
        String before = database.fingerprint();
        for (var entry : actors.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                List<ResponseError> errors = as(entry.getValue()).document("mutation { " + delete.apply(target) + " }").execute()
                        .returnResponse().getErrors();
                assertThat(errors).as(entry.getKey() + " may not " + delete.apply(target)).isNotEmpty();
                assertThat(code(errors.getFirst())).as(entry.getKey()).isIn(REFUSALS);
            }
        }
        assertThat(database.fingerprint()).as("nothing deleted by refused callers").isEqualTo(before);
        for (String name : allowed) {
            String fresh = create.get();
            assertThat(as(actors.get(name)).document("mutation { " + delete.apply(fresh) + " }").execute().returnResponse()
                    .getErrors()).as(name + " may " + delete.apply(fresh)).isEmpty();
        }
    }

    private static Object code(ResponseError error) {
        return error.getExtensions().get("code");
    }

    private void user(String name, Role role, Scope scope) {
        actors.put(name, TestTokens.user(name, role, scope));
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new LinkedHashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private String claimOf(String task) {
        String member = flow.confirmedMembers(FlowFixture.DEMIN).get(1); // claimed it in servedAndRatedRequest
        actors.put("member-owner", TestTokens.user("member-owner", Role.MEMBER,
                Scope.none().member(member).community(FlowFixture.DEMIN)));
        return one("MATCH (:Member {id: '" + member + "'})-[:MADE]->(c:Claim {state: 'ACTIVE'})-[:FOR_TASK]->(:Task {id: $id}) RETURN c.id", task);
    }

    private boolean gridOfRequestIsMemberGrid() {
        return memberGrid.equals(oneOrNull("""
                MATCH (:Request {id: $id})-[:AT]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)
                      -[:SERVES_GRID]->(g:Grid) RETURN g.id""", served.request()));
    }

    /** A service post of 德民社区, made by the city administrator when the data has none. */
    private String post() {
        String existing = oneOrNull("MATCH (:Community {id: $id})-[:HAS_POST]->(p:ServicePost) RETURN p.id LIMIT 1", FlowFixture.DEMIN);
        return existing != null ? existing : graphQl.document(
                "mutation { createServicePost(input: {communityId: \"%s\", name: \"帮扶岗\", categoryId: \"HELP_THE_NEEDY\"}) { post { id } } }"
                        .formatted(FlowFixture.DEMIN)).execute().path("createServicePost.post.id").entity(String.class).get();
    }

    /** The users who run a community of the tiny data's street. */
    private static Set<String> managersOf(String community) {
        return community.equals(FlowFixture.DEMIN) ? MANAGERS : Set.of("secretary-elsewhere", "street-admin", "city-admin");
    }

    private boolean taskInMemberGrid(String task) {
        return memberGrid.equals(oneOrNull("""
                MATCH (:Task {id: $id})-[:AT]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)
                      -[:SERVES_GRID]->(g:Grid) RETURN g.id""", task));
    }

    private boolean residentLivesInMemberGrid() {
        return memberGrid.equals(oneOrNull("""
                MATCH (:Resident {id: $id})-[:LIVES_IN]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)
                      -[:SERVES_GRID]->(g:Grid) RETURN g.id""", served.resident()));
    }

    private String one(String cypher, String id) {
        String value = oneOrNull(cypher, id);
        assertThat(value).as(cypher).isNotNull();
        return value;
    }

    private String oneOrNull(String cypher, String id) {
        List<String> values = flow.strings(cypher, Map.of("id", id));
        return values.isEmpty() ? null : values.getFirst();
    }
}
