package cn.nantong.tongtongzai.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.support.IntegrationTest;

class DatasetTest extends IntegrationTest {

    @Autowired
    DatasetLoader loader;

    @Autowired
    Driver driver;

    @TempDir
    Path files;

    @Test
    void theSameScaleAlwaysGivesTheSameRows() {
        assertThat(loader.generate(Scale.TINY)).isEqualTo(loader.generate(Scale.TINY));
    }

    @Test
    void demoScaleIsOneRealStreetWithTenRealCommunitiesAndAThousandMembers() {
        Map<String, Integer> sizes = sizes(loader.generate(Scale.DEMO));
        assertThat(sizes).containsEntry("streets", 1).containsEntry("communities", 10)
                .containsEntry("members", 1_000).containsEntry("microGrids", 720)
                .containsEntry("functionalBranches", 10).containsEntry("functionalGroups", 40);
        List<Map<String, Object>> communities = rows(loader.generate(Scale.DEMO), "communities");
        assertThat(communities).allSatisfy(c -> assertThat(c).containsEntry("derived", false));
        assertThat(communities.getFirst()).containsEntry("name", "德民社区");
    }

    @Test
    void cityScaleHasTheReportedFiguresAndMarksWhatItDerived() {
        List<RowSet> city = loader.generate(Scale.CITY);
        Map<String, Integer> sizes = sizes(city);
        assertThat(sizes).containsEntry("streets", 39).containsEntry("communities", 349)
                .containsEntry("functionalBranches", 349).containsEntry("functionalGroups", 2_096)
                .containsEntry("microGrids", 77_000).containsEntry("members", 26_000).containsEntry("units", 225)
                .containsEntry("ownersCommittees", 793).containsEntry("propertyCompanies", 689)
                .containsEntry("stationings", 78);
        assertThat(rows(city, "pairings").stream().map(r -> r.get("unitId")).distinct()).hasSize(102);
        // 28 real 街道, then 11 towns or zones; 346 real communities, then 3 derived ones
        assertThat(rows(city, "streets").stream().filter(s -> (Boolean) s.get("derived"))).hasSize(11);
        assertThat(rows(city, "communities").stream().filter(c -> (Boolean) c.get("derived")))
                .hasSize(3)
                .allSatisfy(c -> assertThat((String) c.get("name")).contains("新建"));
    }

    @Test
    void theDemoHistoryShowsEveryPartOfTheFlowAndKeepsItsRules() {
        loader.load(loader.generate(Scale.DEMO), line -> { });

        assertThat(count("MATCH (t:Task) RETURN count(DISTINCT t.kind)")).as("every kind of task").isEqualTo(4);
        assertThat(count("MATCH (t:Task) RETURN count(DISTINCT t.state)")).as("every task state").isEqualTo(6);
        assertThat(count("MATCH (r:Request) RETURN count(DISTINCT r.state)")).as("every request state").isEqualTo(5);
        assertThat(count("MATCH (t:Task) WHERE COUNT { (t)<-[:FOR_TASK]-(c:Claim) WHERE c.activeKey IS NOT NULL } > t.headcount RETURN count(t)"))
                .as("no task over-booked").isZero();
        assertThat(count("MATCH (c:Claim)-[:FOR_TASK]->(t:Task) WHERE NOT EXISTS { (c)<-[:MADE]-(:Member)-[:REGISTERED]->(:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(:Community)<-[:OF_COMMUNITY]-(t) } RETURN count(c)"))
                .as("claims only by members registered with the task's community").isZero();
        assertThat(count("MATCH (e:Evaluation)-[:RATES]->(:Claim)-[:FOR_TASK]->(t:Task) WHERE NOT t.state IN ['COMPLETED', 'EVALUATED'] RETURN count(e)"))
                .as("ratings only of completed tasks").isZero();
        assertThat(count("MATCH (sr:ServiceRecord)-[:FOR_CLAIM]->(:Claim)-[:FOR_TASK]->(t:Task) WHERE sr.checkOutAt > t.endsAt OR sr.minutes > duration.inSeconds(t.startsAt, t.endsAt).seconds / 60 RETURN count(sr)"))
                .as("hours inside the task window").isZero();
        assertThat(count("MATCH (c:Community) WHERE NOT (c)-[:HELD]->(:JointMeeting)-[:RAISED]->(:MeetingProblem) RETURN count(c)"))
                .as("a joint meeting in every community").isZero();
        assertThat(count("MATCH (c:Community) WHERE NOT (c)-[:HAS_POST]->(:ServicePost)<-[:HOLDS_POST]-(:Member) RETURN count(c)"))
                .as("standing posts with holders in every community").isZero();
        assertThat(count("MATCH (:TeamClaim)<-[:PART_OF]-(c:Claim {source: 'TEAM'}) RETURN count(c)")).isPositive();
        assertThat(count("MATCH (:NegativeListEntry) RETURN count(*)")).isEqualTo(1);
    }

    @Test
    void loadsAScaleAndRoundTripsItThroughFiles() {
        List<RowSet> tiny = loader.generate(Scale.TINY);
        loader.export(tiny, files);
        assertThat(loader.read(files)).extracting(RowSet::name).containsExactlyElementsOf(DatasetStatements.ORDER);

        loader.load(loader.read(files), line -> { });

        assertThat(count("MATCH (m:Member) RETURN count(m)")).isEqualTo(40);
        assertThat(count("MATCH (:Street)-[:HAS_COMMUNITY]->(:Community)-[:HAS_COMMITTEE]->(:CommunityCommittee)"
                + "-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)-[:HAS_GRID_BRANCH]->(:GridBranch)-[:HAS_PARTY_GROUP]->"
                + "(:PartyGroup)-[:HAS_MICRO_GRID]->(m:MicroGrid)-[:IN_COMPOUND]->(:Compound) RETURN count(m)"))
                .as("every micro-grid hangs on the whole tree").isEqualTo(16);
        assertThat(count("MATCH (m:Member) WHERE NOT (m)-[:LIVES_IN]->(:MicroGrid) OR NOT (m)-[:MEMBER_OF]->(:UnitPartyOrg) "
                + "OR NOT (m)-[:HAS_SKILL]->(:Skill) RETURN count(m)")).isZero();
        assertThat(count("""
                MATCH (m:Member)-[:REGISTERED]->(r:Registration {state: 'CONFIRMED'})-[:FOR_RESIDENCE]->(home),
                      (m)-[:LIVES_IN]->(home), (r)-[:WITH_COMMUNITY]->(c)
                WHERE NOT (c)-[:HAS_GRID|HAS_COMMITTEE|HAS_GENERAL_BRANCH|HAS_GRID_BRANCH|HAS_PARTY_GROUP|HAS_MICRO_GRID*0..5]->(home)
                   OR NOT (m)-[:IN_FUNCTIONAL_BRANCH]->(:FunctionalBranch)<-[:HAS_FUNCTIONAL_BRANCH]-(c)
                RETURN count(r)""")).as("confirmed members are placed in their own community").isZero();
    }

    @Test
    void refusesRowsThatReferToMissingNodesAndRemembersTheLoadDidNotFinish() {
        List<RowSet> tiny = loader.generate(Scale.TINY);
        List<RowSet> broken = tiny.stream().map(set -> !set.name().equals("members") ? set : new RowSet("members",
                set.rows().stream().map(row -> row.get("id").equals("M000003")
                        ? withUnit(row, "U9999") : row).toList())).toList();

        assertThatThrownBy(() -> loader.load(broken, line -> { }))
                .hasMessageContaining("members, rows 1–40: 1 of 40 rows refer to nodes that do not exist");
        assertThat(count("MATCH (m:Member) RETURN count(m)")).as("the failing batch rolled back").isZero();
        assertThat(loader.interrupted()).isTrue();
        assertThatThrownBy(() -> loader.load(tiny, line -> { })).hasMessageContaining("did not finish");
    }

    @Test
    void aFinishedLoadIsNotInterrupted() {
        loader.load(loader.generate(Scale.TINY), line -> { });
        assertThat(loader.interrupted()).isFalse();
        assertThat(count("MATCH (d:DatasetLoad {state: 'COMPLETE'}) RETURN count(d)")).isEqualTo(1);
    }

    private static Map<String, Object> withUnit(Map<String, Object> row, String unitId) {
        Map<String, Object> changed = new java.util.LinkedHashMap<>(row);
        changed.put("unitId", unitId);
        return changed;
    }

    @Test
    void refusesToLoadIntoADatabaseThatHasAnOrganisation() {
        database.write("CREATE (:Street {id: '320613001', name: '城东街道'})");
        assertThatThrownBy(() -> loader.load(loader.generate(Scale.TINY), line -> { }))
                .hasMessageContaining("already holds an organisation");
        // only the street written above besides the reference data of the migrations
        assertThat(count("MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:AuditEntry AND NOT n:Skill AND NOT n:PostCategory AND NOT n:Occupation"
                + " AND NOT n:ExampleRequest RETURN count(n)"))
                .isEqualTo(1);
    }

    private long count(String cypher) {
        return driver.executableQuery(cypher).execute().records().getFirst().get(0).asLong();
    }

    private static Map<String, Integer> sizes(List<RowSet> sets) {
        return sets.stream().collect(Collectors.toMap(RowSet::name, s -> s.rows().size()));
    }

    private static List<Map<String, Object>> rows(List<RowSet> sets, String name) {
        return sets.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().rows();
    }
}
