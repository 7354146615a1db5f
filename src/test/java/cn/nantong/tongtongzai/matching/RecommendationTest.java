package cn.nantong.tongtongzai.matching;

import static cn.nantong.tongtongzai.support.FlowFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/** recommendMembers over GraphQL: the real constraints on members read from Neo4j, ranked with reasons. */
class RecommendationTest extends IntegrationTest {

    static final String BUILDING = "320613001001-W01-P1-M01";
    static final String RECOMMEND = """
            query($task: ID!, $first: Int, $weights: MatchingWeightsInput) {
              recommendMembers(taskId: $task, first: $first, weights: $weights) {
                rank feasible member { id name } score { hard medium soft } reasons { constraint kind text impact } } }""";

    @Autowired
    Driver driver;

    FlowFixture flow;
    String task;
    String expert;
    String novice;
    String unskilled;

    @BeforeEach
    void aTaskAndThreeKnownMembers() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        expert = member("张师傅", "13900000001", BUILDING, 5, "WEEKEND_MORNING");
        novice = member("李学徒", "13900000002", "320613001001-W02-P1-M01", 2, "WEEKEND_MORNING");
        unskilled = member("王老师", "13900000003", BUILDING, 0, "WEEKEND_MORNING");
        LocalDate saturday = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        task = graphQl.document("""
                        mutation($start: DateTime!, $end: DateTime!) { createTask(input: {communityId: "320613001001", title: "楼道灯维修",
                          kind: MICRO_SERVICE, difficulty: 3, headcount: 2, startsAt: $start, endsAt: $end,
                          skillIds: ["plumbing_electrical"], placeId: "320613001001-W01-P1-M01"}) { task { id } } }""")
                .variable("start", saturday + "T09:00").variable("end", saturday + "T11:00")
                .execute().path("createTask.task.id").entity(String.class).get();
        flow.transition("publishTask", task);
    }

    @Test
    void theBestFitComesFirstAndEveryoneHasReasons() {
        List<Map<String, Object>> ranked = recommend(null, 50);
        List<String> order = ranked.stream().map(r -> (String) ((Map<?, ?>) r.get("member")).get("id")).toList();
        assertThat(order.indexOf(expert)).as("the expert living in the building").isZero();
        assertThat(order.indexOf(novice)).isGreaterThan(0);
        Map<String, Object> top = ranked.getFirst();
        assertThat(top).containsEntry("rank", 1).containsEntry("feasible", true);
        assertThat(texts(top)).contains("住在服务地点同一楼栋", "具备所需技能，等级5（1–5）", "本年度尚未服务，优先邀请（服务率）");

        Map<String, Object> noSkill = ranked.get(order.indexOf(unskilled));
        assertThat(noSkill).containsEntry("feasible", false);
        assertThat(texts(noSkill).getFirst()).isEqualTo("不具备任务所需技能");
        assertThat(ranked.stream().filter(r -> Boolean.TRUE.equals(r.get("feasible"))).count())
                .as("feasible candidates rank above infeasible ones")
                .isEqualTo(order.indexOf(ranked.stream().filter(r -> Boolean.FALSE.equals(r.get("feasible"))).findFirst()
                        .map(r -> (String) ((Map<?, ?>) r.get("member")).get("id")).orElseThrow()));
    }

    @Test
    void weightsChangeTheRankingAndZeroSwitchesAPreferenceOff() {
        // without proximity and skill level the novice and the expert differ only by chance preferences
        List<Map<String, Object>> ranked = recommend(Map.of("proximity", 0, "skillLevel", 0, "difficulty", 0, "fairness", 0), 50);
        assertThat(ranked).allSatisfy(r -> assertThat(constraints(r))
                .doesNotContain("Proximity", "Skill level", "Difficulty above skill level", "Fairness"));
        assertThat(constraints(recommend(null, 50).getFirst())).contains("Proximity", "Skill level", "Fairness");
        expectError(graphQl.document(RECOMMEND).variable("task", task).variable("weights", Map.of("fairness", -1)).execute(),
                "INVALID_WEIGHT");
    }

    @Test
    void membersWhoClaimedAreLeftOutAndBusyOnesBreakARule() {
        flow.claimId(task, novice);
        List<String> ids = recommend(null, 50).stream().map(r -> (String) ((Map<?, ?>) r.get("member")).get("id")).toList();
        assertThat(ids).doesNotContain(novice).contains(expert);

        String other = graphQl.document("""
                        mutation($start: DateTime!, $end: DateTime!) { createTask(input: {communityId: "320613001001", title: "同一时间的另一任务",
                          kind: MICRO_SERVICE, difficulty: 1, headcount: 1, startsAt: $start, endsAt: $end, categoryId: "HELP_THE_NEEDY"}) { task { id } } }""")
                .variable("start", flow.strings("MATCH (t:Task {id: $id}) RETURN toString(t.startsAt)", Map.of("id", task)).getFirst())
                .variable("end", flow.strings("MATCH (t:Task {id: $id}) RETURN toString(t.endsAt)", Map.of("id", task)).getFirst())
                .execute().path("createTask.task.id").entity(String.class).get();
        flow.transition("publishTask", other);
        flow.claimId(other, expert);
        Map<String, Object> busy = recommend(null, 50).stream()
                .filter(r -> expert.equals(((Map<?, ?>) r.get("member")).get("id"))).findFirst().orElseThrow();
        assertThat(busy).containsEntry("feasible", false);
        assertThat(texts(busy)).contains("同一时间已认领其他任务");
    }

    @Test
    void aStreetWidePoolAlsoRanksMembersOfTheStreetsOtherCommunities() {
        String neighbour = flow.confirmedMember("周师傅", "13900000009", "320613001002-W01-P1-M01", 5, "WEEKEND_MORNING",
                FlowFixture.XIAOSHIQIAO);
        assertThat(ids(recommend(null, 50))).as("双报到: by default only the task's community").doesNotContain(neighbour).contains(expert);
        List<Map<String, Object>> wide = graphQl.document("""
                        query($task: ID!) { recommendMembers(taskId: $task, first: 50, streetWide: true) {
                          feasible member { id } reasons { constraint text } } }""")
                .variable("task", task).execute().path("recommendMembers")
                .entity(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).get();
        assertThat(ids(wide)).contains(neighbour, expert);
        Map<String, Object> fromNextDoor = wide.stream().filter(r -> neighbour.equals(((Map<?, ?>) r.get("member")).get("id")))
                .findFirst().orElseThrow();
        assertThat(fromNextDoor).containsEntry("feasible", true);
        assertThat(texts(fromNextDoor)).contains("住在本街道");
        assertThat(ids(wide).indexOf(expert)).as("the expert living in the building still comes first").isZero();
    }

    @Test
    void aNearSkillStandsInWhenTheKnowledgeGraphSaysSoAndSaysWhy() {
        String electrician = flow.confirmedMember("陈电工", "13900000008", BUILDING, "circuit_repair", 4, "WEEKEND_MORNING",
                FlowFixture.DEMIN);
        Map<String, Object> standIn = recommend(null, 50).stream()
                .filter(r -> electrician.equals(((Map<?, ?>) r.get("member")).get("id"))).findFirst().orElseThrow();
        assertThat(standIn).as("电路维修 stands in for 水电维修 (SUBSTITUTES 0.7)").containsEntry("feasible", true);
        assertThat(texts(standIn)).contains("无所需技能，以相近技能「电路维修」替代（匹配度70%）");
        List<String> order = ids(recommend(null, 50));
        assertThat(order.indexOf(expert)).as("the exact skill still comes first").isLessThan(order.indexOf(electrician));
    }

    private static List<String> ids(List<Map<String, Object>> ranked) {
        return ranked.stream().map(r -> (String) ((Map<?, ?>) r.get("member")).get("id")).toList();
    }

    @Test
    void refusals() {
        expectError(graphQl.document(RECOMMEND).variable("task", "nope").execute(), "TASK_NOT_FOUND");
        expectError(graphQl.document(RECOMMEND).variable("task", task).variable("first", 0).execute(), "INVALID_PAGE");
        String emergency = graphQl.document("""
                        mutation($start: DateTime!, $end: DateTime!) { createTask(input: {communityId: "320613001001", title: "防汛抢险",
                          kind: EMERGENCY, difficulty: 4, headcount: 3, startsAt: $start, endsAt: $end, categoryId: "SAFETY_PATROL",
                          audience: TEAMS, teamIds: ["320613001001-GN"]}) { task { id } } }""")
                .variable("start", FlowFixture.at(60)).variable("end", FlowFixture.at(180))
                .execute().path("createTask.task.id").entity(String.class).get();
        expectError(graphQl.document(RECOMMEND).variable("task", emergency).execute(), "TEAM_TASK");
        graphQl.document("mutation($id: ID!) { cancelTask(input: {taskId: $id, reason: \"不再需要\"}) { task { state } } }")
                .variable("id", task).execute();
        expectError(graphQl.document(RECOMMEND).variable("task", task).execute(), "TASK_NOT_OPEN");
    }

    private List<Map<String, Object>> recommend(Map<String, Object> weights, int first) {
        var request = graphQl.document(RECOMMEND).variable("task", task).variable("first", first);
        if (weights != null) {
            request = request.variable("weights", weights);
        }
        return request.execute().path("recommendMembers")
                .entity(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).get();
    }

    @SuppressWarnings("unchecked")
    private static List<String> constraints(Map<String, Object> recommendation) {
        return ((List<Map<String, Object>>) recommendation.get("reasons")).stream().map(r -> (String) r.get("constraint")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(Map<String, Object> recommendation) {
        return ((List<Map<String, Object>>) recommendation.get("reasons")).stream().map(r -> (String) r.get("text")).toList();
    }

    private String member(String name, String phone, String home, int level, String availability) {
        return flow.confirmedMember(name, phone, home, level, availability);
    }
}
