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
                MANAGERS);
        query("members(filter: {unitId: \"%s\"}, first: 5) { edges { node { id } } }".formatted(memberUnit),
                with(Set.of("city-admin"), "unit-secretary"));
        query("requests(filter: {communityId: \"%s\"}) { edges { node { id } } }".formatted(FlowFixture.DEMIN), MANAGERS);
        query("requests(filter: {residentId: \"%s\"}) { edges { node { id } } }".formatted(served.resident()),
                with(MANAGERS, "resident"));
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
