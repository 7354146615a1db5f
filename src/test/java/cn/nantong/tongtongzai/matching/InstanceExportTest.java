package cn.nantong.tongtongzai.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.matching.InstanceFile.Instance;
import cn.nantong.tongtongzai.matching.InstanceFile.Plan;
import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/** A community exported from the graph as an instance file solves like the job would. */
class InstanceExportTest extends IntegrationTest {

    @Autowired
    Driver driver;

    @Autowired
    CandidateLoader loader;

    @Test
    void aCommunityBecomesAnInstanceThatSolves() throws Exception {
        database.loadTiny();
        FlowFixture flow = new FlowFixture(graphQl, driver);
        String expert = flow.confirmedMember("张师傅", "13900000001", "320613001001-W01-P1-M01", 5, "WEEKEND_MORNING");
        LocalDate saturday = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        String task = graphQl.document("""
                        mutation($start: DateTime!, $end: DateTime!) { createTask(input: {communityId: "320613001001", title: "更换楼道灯",
                          kind: MICRO_SERVICE, difficulty: 2, headcount: 2, startsAt: $start, endsAt: $end,
                          skillIds: ["plumbing_electrical"]}) { task { id } } }""")
                .variable("start", saturday + "T09:00").variable("end", saturday + "T10:00")
                .execute().path("createTask.task.id").entity(String.class).get();
        flow.transition("publishTask", task);
        flow.claimId(task, expert);

        Instance instance = new InstanceExport(loader).instance(loader.scope("320613001001", null).orElseThrow());
        assertThat(instance.tasks()).singleElement().satisfies(t -> {
            assertThat(t.headcount()).isEqualTo(2);
            assertThat(t.claimedBy()).containsExactly(expert);
            assertThat(t.start()).endsWith("+08:00");
        });
        assertThat(instance.members()).extracting(InstanceFile.MemberEntry::id).contains(expert);
        assertThat(instance.teams()).as("the community's functional branch, with the new member in it")
                .anySatisfy(team -> {
                    assertThat(team.id()).isEqualTo("320613001001-GN");
                    assertThat(team.skillHolders()).containsKey("plumbing_electrical");
                });

        // through JSON and back, as the files travel
        JsonMapper json = JsonMapper.builder().build();
        Instance read = json.readValue(json.writeValueAsString(instance), Instance.class);
        Plan plan = SolveFiles.solve(read, Duration.ofSeconds(1));
        assertThat(plan.feasible()).isTrue();
        assertThat(plan.seats()).isEqualTo(1);
        assertThat(plan.assignments()).anySatisfy(a -> {
            assertThat(a.pinned()).isTrue();
            assertThat(a.memberId()).isEqualTo(expert);
        });
    }
}
