package cn.nantong.tongtongzai.knowledge;

import static cn.nantong.tongtongzai.support.FlowFixture.DEMIN;
import static cn.nantong.tongtongzai.support.FlowFixture.XIAOSHIQIAO;
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

/** capabilityGaps over GraphQL on the tiny data set: a need nobody can meet, then met step by step. */
class CapabilityGapsTest extends IntegrationTest {

    static final String REPORT = """
            query($c: ID!, $g: ID, $date: Date) { capabilityGaps(communityId: $c, gridId: $g, date: $date) {
              community { id } period from to requests unclassifiedRequests
              skills { skill { id } requested served open servedRate holders standIns status explanation
                       invitations(first: 5) { member { id } channel reason level } }
              gaps { skill { id } } } }""";

    @Autowired
    Driver driver;

    FlowFixture flow;
    String skill;
    String home;
    String grid;
    List<String> requests;

    @BeforeEach
    void threeRequestsNeedASkillNobodyHere() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        // a skill no member registered with 德民 holds, nor any skill that could stand in for it
        skill = flow.strings("""
                MATCH (s:Skill) WHERE NOT EXISTS {
                  MATCH (:Community {id: $c})<-[:WITH_COMMUNITY]-(:Registration {state: 'CONFIRMED'})<-[:REGISTERED]-(m:Member)
                  WHERE (m)-[:HAS_SKILL]->(s) OR (m)-[:HAS_SKILL]->(:Skill)-[:SUBSTITUTES]->(s) }
                RETURN s.id ORDER BY s.id LIMIT 1""", Map.of("c", DEMIN)).getFirst();
        Map<String, Object> resident = driver.session().executeRead(tx -> tx.run("""
                MATCH (:Community {id: $c})-[:HAS_GRID]->(g:Grid)<-[:SERVES_GRID]-(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)
                      -[:HAS_MICRO_GRID]->(mg:MicroGrid)<-[:LIVES_IN]-(r:Resident)
                RETURN r.id AS resident, mg.id AS home, g.id AS grid ORDER BY r.id LIMIT 1""", Map.of("c", DEMIN)).single().asMap());
        home = (String) resident.get("home");
        grid = (String) resident.get("grid");
        requests = List.of("家门钥匙丢了进不去", "防盗门锁芯坏了", "老人把自己反锁在门外了").stream().map(text -> {
            String id = graphQl.document("""
                            mutation($r: ID!, $text: String!) { postRequest(input: {residentId: $r, text: $text, urgency: HIGH}) {
                              request { id } } }""")
                    .variable("r", resident.get("resident")).variable("text", text).execute()
                    .path("postRequest.request.id").entity(String.class).get();
            flow.as(FlowFixture.SECRETARY).document("""
                            mutation($id: ID!, $s: ID!) { correctRequestClassification(input: {requestId: $id, skillIds: [$s]}) {
                              request { id } } }""")
                    .variable("id", id).variable("s", skill).execute().path("correctRequestClassification.request.id").hasValue();
            return id;
        }).toList();
    }

    @Test
    void aNeedNobodyCanMeetIsAGapUntilMembersHoldItAndServe() {
        Map<String, Object> report = report(DEMIN, null);
        assertThat(report).containsEntry("period", "QUARTER");
        assertThat((Integer) report.get("requests")).isGreaterThanOrEqualTo(3);
        Map<String, Object> gap = entry(report, skill);
        assertThat(gap).containsEntry("requested", 3).containsEntry("served", 0).containsEntry("open", 3)
                .containsEntry("holders", 0).containsEntry("standIns", 0).containsEntry("status", "NO_ONE");
        assertThat((String) gap.get("explanation")).contains("3件求助需要", "无人具备");
        assertThat(gapIds(report)).contains(skill);

        // a member of a unit paired with 德民, living and registered in 小石桥, holds the skill: invite him
        String unit = flow.as(FlowFixture.SECRETARY).document("""
                        mutation { createUnit(input: {name: "南通市锁具厂", kind: STATE_OWNED_ENTERPRISE}) { unit { id } } }""")
                .execute().path("createUnit.unit.id").entity(String.class).get();
        flow.as(FlowFixture.SECRETARY).document("""
                        mutation($u: ID!, $c: ID!) { pairUnit(input: {unitId: $u, communityId: $c, responsibilities: [EXPERTISE]}) {
                          unit { id } } }""").variable("u", unit).variable("c", DEMIN).execute().path("pairUnit.unit.id").hasValue();
        String elsewhere = flow.strings("""
                MATCH (:Community {id: $c})-[:HAS_GRID]->(:Grid)<-[:SERVES_GRID]-(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)
                      -[:HAS_MICRO_GRID]->(mg:MicroGrid) RETURN mg.id ORDER BY mg.id LIMIT 1""", Map.of("c", XIAOSHIQIAO)).getFirst();
        String locksmith = flow.confirmedMember("钱师傅", "13900000071", elsewhere, skill, 4, "WEEKEND_MORNING", XIAOSHIQIAO);
        graphQl.document("mutation($m: ID!, $u: ID!) { updateMember(input: {id: $m, unitId: $u}) { member { id } } }")
                .variable("m", locksmith).variable("u", unit).execute().path("updateMember.member.id").hasValue();
        List<Map<String, Object>> invitations = invitations(entry(report(DEMIN, null), skill));
        assertThat(invitations).anySatisfy(i -> {
            assertThat(i).containsEntry("member", Map.of("id", locksmith)).containsEntry("channel", "PAIRED_UNIT")
                    .containsEntry("level", 4);
            assertThat((String) i.get("reason")).contains("南通市锁具厂", "结对共建");
        });
        // nobody already registered here is proposed
        for (Map<String, Object> i : invitations) {
            assertThat(flow.count("""
                    MATCH (:Member {id: $m})-[:REGISTERED]->(:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(:Community {id: $c})
                    RETURN count(*)""", Map.of("m", ((Map<?, ?>) i.get("member")).get("id"), "c", DEMIN))).isZero();
        }

        // one registered member holds it now, none of the three requests is resolved: under-served
        flow.confirmedMember("孙师傅", "13900000072", home, skill, 3, "WEEKEND_MORNING", DEMIN);
        gap = entry(report(DEMIN, null), skill);
        assertThat(gap).containsEntry("holders", 1).containsEntry("status", "UNDERSERVED");
        assertThat((String) gap.get("explanation")).contains("低于70%", "1人");

        // the three are resolved (a shortcut for the 四单 flow, which has its own tests): covered
        flow.count("UNWIND $ids AS id MATCH (r:Request {id: id}) SET r.state = 'RESOLVED' RETURN count(r)", Map.of("ids", requests));
        Map<String, Object> covered = report(DEMIN, null);
        assertThat(entry(covered, skill)).containsEntry("served", 3).containsEntry("servedRate", 1.0)
                .containsEntry("status", "COVERED").containsEntry("invitations", List.of());
        assertThat(gapIds(covered)).doesNotContain(skill);
    }

    @Test
    void aGridSeesOnlyItsOwnRequestsAndMembers() {
        assertThat(entry(report(DEMIN, grid), skill)).containsEntry("requested", 3);
        List<String> otherGrids = flow.strings("MATCH (:Community {id: $c})-[:HAS_GRID]->(g:Grid) WHERE g.id <> $g RETURN g.id",
                Map.of("c", DEMIN, "g", grid));
        for (String other : otherGrids) {
            assertThat(skillIds(report(DEMIN, other))).doesNotContain(skill);
        }
    }

    @Test
    void anotherPeriodAnUnknownCommunityAndAForeignGridAreRefusedOrEmpty() {
        Map<String, Object> lastYear = graphQl.document(REPORT).variable("c", DEMIN).variable("date", "2020-01-01").execute()
                .path("capabilityGaps").entity(Map.class).get();
        assertThat(lastYear).containsEntry("requests", 0).containsEntry("skills", List.of()).containsEntry("from", "2020-01-01");
        expectError(graphQl.document(REPORT).variable("c", "nowhere").execute(), "COMMUNITY_NOT_FOUND");
        String foreignGrid = flow.strings("MATCH (:Community {id: $c})-[:HAS_GRID]->(g:Grid) RETURN g.id LIMIT 1",
                Map.of("c", XIAOSHIQIAO)).getFirst();
        expectError(graphQl.document(REPORT).variable("c", DEMIN).variable("g", foreignGrid).execute(), "GRID_NOT_FOUND");
        expectError(graphQl.document(REPORT).variable("c", DEMIN).variable("date", "yesterday").execute(), "INVALID_DATE");
        expectError(graphQl.document("""
                query($c: ID!) { capabilityGaps(communityId: $c) { skills { invitations(first: 999) { level } } } }""")
                .variable("c", DEMIN).execute(), "INVALID_PAGE");
    }

    private Map<String, Object> report(String communityId, String gridId) {
        @SuppressWarnings("unchecked")
        Map<String, Object> report = graphQl.document(REPORT).variable("c", communityId).variable("g", gridId).execute()
                .path("capabilityGaps").entity(Map.class).get();
        return report;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Map<String, Object> report, String skillId) {
        return ((List<Map<String, Object>>) report.get("skills")).stream()
                .filter(s -> ((Map<?, ?>) s.get("skill")).get("id").equals(skillId)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> invitations(Map<String, Object> gap) {
        return (List<Map<String, Object>>) gap.get("invitations");
    }

    @SuppressWarnings("unchecked")
    private static List<String> skillIds(Map<String, Object> report) {
        return ((List<Map<String, Object>>) report.get("skills")).stream().map(s -> (String) ((Map<?, ?>) s.get("skill")).get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> gapIds(Map<String, Object> report) {
        return ((List<Map<String, Object>>) report.get("gaps")).stream().map(s -> (String) ((Map<?, ?>) s.get("skill")).get("id")).toList();
    }
}
