package cn.nantong.tongtongzai.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

import cn.nantong.tongtongzai.platform.neo4j.GraphChanges;
import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/**
 * recommendMembers keeps the task, each community's candidates and the members shown between writes (CandidateCache):
 * the answers are those of a
 * fresh read — same ranking, scores and reasons — and any write, through the service or straight into the graph,
 * is seen by the next recommendation.
 */
class RecommendationKeptCandidatesTest extends IntegrationTest {

    static final String BUILDING = "320613001001-W01-P1-M01";
    static final String RECOMMEND = """
            query($task: ID!) { recommendMembers(taskId: $task, first: 50) {
              rank feasible member { id name } score { hard medium soft } reasons { constraint kind text impact } } }""";

    @Autowired
    Driver driver;

    @Autowired(required = false) // none with -Dtongtong.test.neo4j=process: then nothing is kept
    GraphChanges changes;

    @Autowired
    CandidateLoader loader;

    @Autowired
    CandidateCache cache;

    FlowFixture flow;
    String task;
    String expert;
    String novice;
    String unskilled;

    @BeforeEach
    void aTaskAndThreeKnownMembers() {
        assumeTrue(changes != null && changes.version().isPresent(), "the test database runs in this process, so its commits are watched");
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        expert = flow.confirmedMember("张师傅", "13900000001", BUILDING, 5, "WEEKEND_MORNING");
        novice = flow.confirmedMember("李学徒", "13900000002", "320613001001-W02-P1-M01", 2, "WEEKEND_MORNING");
        unskilled = flow.confirmedMember("王老师", "13900000003", BUILDING, 0, "WEEKEND_MORNING");
        LocalDate saturday = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        task = task("楼道灯维修", saturday + "T09:00", saturday + "T11:00", "skillIds: [\"plumbing_electrical\"]");
    }

    @Test
    void aSecondRecommendationReadsNoCandidatesAndGivesTheSameAnswerAsAFreshRead() {
        List<Map<String, Object>> first = recommend();
        statements.reset();
        List<Map<String, Object>> kept = recommend();
        int whenKept = statements.count();
        driver.executableQuery("CREATE (x:Unrelated) DELETE x").execute(); // any write: nothing kept holds any more
        statements.reset();
        List<Map<String, Object>> afresh = recommend();
        int whenRead = statements.count();

        assertThat(kept).isEqualTo(first).isEqualTo(afresh);
        assertThat(ids(afresh)).contains(expert, novice, unskilled);
        assertThat(whenKept).as("the task's, the candidates' and the shown members' statements are saved").isEqualTo(whenRead - 3);
    }

    @Test
    void theKeptCandidatesAreThoseReadForTheTaskAlone() {
        flow.transition("publishTask", task);
        flow.claimId(task, novice); // a claimant of the task: left out, its claim not "busy"
        String sameTime = task("同一时间的另一任务", startOf(task), endOf(task), "categoryId: \"HELP_THE_NEEDY\"");
        flow.transition("publishTask", sameTime);
        flow.claimId(sameTime, expert); // busy elsewhere
        flow.servedAndRatedRequest(); // hours, ratings and a served resident for members of the community

        List<String> claimedBy = loader.task(task).orElseThrow().claimedBy();
        assertThat(claimedBy).containsExactly(novice);
        List<List<Object>> forTheTask = facts(loader.candidates(List.of(FlowFixture.DEMIN), claimedBy, List.of(task)));
        assertThat(facts(cache.candidates(List.of(FlowFixture.DEMIN), claimedBy))).as("read now").isEqualTo(forTheTask);
        assertThat(facts(cache.candidates(List.of(FlowFixture.DEMIN), claimedBy))).as("kept").isEqualTo(forTheTask);
        assertThat(forTheTask.stream().map(List::getFirst).toList()).doesNotContain(novice).contains(expert, unskilled);
    }

    @Test
    void whatIsWrittenAfterwardsIsSeenWhoeverWroteIt() {
        assertThat(texts(of(unskilled, recommend()))).contains("不具备任务所需技能");

        // straight into the graph, as from Neo4j Browser
        driver.executableQuery("""
                MATCH (m:Member {id: $member}), (k:Skill {id: 'plumbing_electrical'}) MERGE (m)-[:HAS_SKILL {level: 4}]->(k)""")
                .withParameters(Map.of("member", unskilled)).execute();
        Map<String, Object> nowSkilled = of(unskilled, recommend());
        assertThat(nowSkilled).containsEntry("feasible", true);
        assertThat(texts(nowSkilled)).contains("具备所需技能，等级4（1–5）").doesNotContain("不具备任务所需技能");

        // the task and the members shown, too
        driver.executableQuery("MATCH (m:Member {id: $member}) SET m.name = '王老师傅'").withParameters(Map.of("member", unskilled)).execute();
        driver.executableQuery("MATCH (t:Task {id: $task})-[r:REQUIRES_SKILL]->() DELETE r").withParameters(Map.of("task", task)).execute();
        Map<String, Object> renamed = of(unskilled, recommend());
        assertThat(((Map<?, ?>) renamed.get("member")).get("name")).isEqualTo("王老师傅");
        assertThat(texts(renamed)).doesNotContain("具备所需技能，等级4（1–5）");

        // through the service
        String newcomer = flow.confirmedMember("赵新人", "13900000004", BUILDING, 3, "WEEKEND_MORNING");
        assertThat(ids(recommend())).contains(newcomer);
    }

    private String task(String title, String start, String end, String more) {
        return graphQl.document("""
                        mutation($title: String!, $start: DateTime!, $end: DateTime!) { createTask(input: {communityId: "320613001001",
                          title: $title, kind: MICRO_SERVICE, difficulty: 3, headcount: 2, startsAt: $start, endsAt: $end,
                          placeId: "320613001001-W01-P1-M01", %s}) { task { id } } }""".formatted(more))
                .variable("title", title).variable("start", start).variable("end", end)
                .execute().path("createTask.task.id").entity(String.class).get();
    }

    private String startOf(String id) {
        return flow.strings("MATCH (t:Task {id: $id}) RETURN toString(t.startsAt)", Map.of("id", id)).getFirst();
    }

    private String endOf(String id) {
        return flow.strings("MATCH (t:Task {id: $id}) RETURN toString(t.endsAt)", Map.of("id", id)).getFirst();
    }

    /** Everything a candidate carries, comparable (busy windows are arrays). */
    private static List<List<Object>> facts(List<Candidate> candidates) {
        return candidates.stream().map(c -> Arrays.<Object>asList(c.id(), c.name(), c.skillLevels(), c.availability(),
                c.postCategories(), c.microGridId(), c.gridId(), c.communityId(), c.streetId(), c.historyMinutes(),
                c.busy().stream().map(Arrays::toString).toList(), c.committedMinutesByWeek(), c.weeklyCapMinutes(),
                c.satisfaction(), c.servedResidentIds())).toList();
    }

    private List<Map<String, Object>> recommend() {
        return graphQl.document(RECOMMEND).variable("task", task).execute().path("recommendMembers")
                .entity(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).get();
    }

    private static List<String> ids(List<Map<String, Object>> ranked) {
        return ranked.stream().map(r -> (String) ((Map<?, ?>) r.get("member")).get("id")).toList();
    }

    private static Map<String, Object> of(String member, List<Map<String, Object>> ranked) {
        return ranked.stream().filter(r -> member.equals(((Map<?, ?>) r.get("member")).get("id"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(Map<String, Object> recommendation) {
        return ((List<Map<String, Object>>) recommendation.get("reasons")).stream().map(r -> (String) r.get("text")).toList();
    }
}
