package cn.nantong.tongtongzai.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.nantong.tongtongzai.matching.InstanceFile.Plan;
import tools.jackson.databind.json.JsonMapper;

/** The solve command on the documented example instance (docs/examples/matching-instance.json), with the real solver. */
class SolveFilesTest {

    @TempDir
    Path dir;

    @Test
    void solvesTheDocumentedExampleIntoAFeasiblePlan() throws Exception {
        Path out = dir.resolve("plan.json");
        int exit = SolveFiles.run(new String[] {"solve", "--in", "docs/examples/matching-instance.json", "--out", out.toString(), "--seconds", "2"});
        assertThat(exit).isZero();
        Plan plan = JsonMapper.builder().build().readValue(Files.readString(out), Plan.class);

        assertThat(plan.feasible()).isTrue();
        assertThat(plan.seats()).as("T1 has 2 open seats, T2 one (M3 claimed the other)").isEqualTo(3);
        Map<String, String> bySeat = plan.assignments().stream().filter(a -> a.memberId() != null)
                .collect(Collectors.toMap(InstanceFile.Assignment::seatId, InstanceFile.Assignment::memberId));
        assertThat(bySeat).containsEntry("T2#claimed-M3", "M3");
        assertThat(plan.assignments().stream().filter(a -> a.taskId().equals("T1")).map(InstanceFile.Assignment::memberId))
                .as("both electricians on the lights").containsExactlyInAnyOrder("M1", "M2");
        assertThat(plan.seatsFilled()).as("nobody else can tutor on a weekday evening").isEqualTo(2);
        assertThat(plan.score().medium()).isEqualTo(-1);
        assertThat(plan.constraints()).extracting(InstanceFile.ConstraintScore::name).contains("Proximity", "Fairness", "Empty seat");
    }

    @Test
    void aWeightOfZeroSwitchesAPreferenceOffAndBadInputFails() throws Exception {
        String example = Files.readString(Path.of("docs/examples/matching-instance.json"));
        Path in = dir.resolve("instance.json");
        Files.writeString(in, example.replace("\"proximity\": 10", "\"proximity\": 0"));
        Path out = dir.resolve("plan.json");
        assertThat(SolveFiles.run(new String[] {"solve", "--in", in.toString(), "--out", out.toString(), "--seconds", "1"})).isZero();
        Plan plan = JsonMapper.builder().build().readValue(Files.readString(out), Plan.class);
        assertThat(plan.constraints()).extracting(InstanceFile.ConstraintScore::name).doesNotContain("Proximity");

        Files.writeString(in, example.replace("\"claimedBy\": [\"M3\"]", "\"claimedBy\": [\"M9\"]"));
        assertThat(SolveFiles.run(new String[] {"solve", "--in", in.toString(), "--out", out.toString()})).isEqualTo(2);
        assertThat(SolveFiles.run(new String[] {"solve", "--out", out.toString()})).isEqualTo(2);
    }

    @Test
    void aTeamTaskGetsAnInvitedTeamWithTheSkillAndAStreetWidePoolLetsANeighbourServe() {
        InstanceFile.MemberEntry neighbour = new InstanceFile.MemberEntry("M7", "周师傅", Map.of("plumbing_electrical", 4),
                java.util.List.of("WEEKEND_MORNING"), java.util.List.of(), "C2-W01-P1-M01", "C2-W01", "C2", "S1", 0.0, null,
                java.util.List.of(), null, java.util.List.of());
        InstanceFile.TaskEntry lights = new InstanceFile.TaskEntry("T1", "更换楼道灯", "MICRO_SERVICE", 2, "2026-12-05T09:00+08:00",
                "2026-12-05T11:00+08:00", java.util.List.of("plumbing_electrical"), null, "C1-W01-P1-M01", "C1-W01", "C1", "S1",
                java.util.List.of(), 1, java.util.List.of(), null, null, null, null);
        InstanceFile.TaskEntry flood = new InstanceFile.TaskEntry("E1", "防汛抢险", "EMERGENCY", 4, "2026-12-05T09:00+08:00",
                "2026-12-05T15:00+08:00", java.util.List.of("plumbing_electrical"), "SAFETY_PATROL", "C1-W01-P1-M01", "C1-W01", "C1",
                "S1", java.util.List.of(), 5, java.util.List.of(), "TEAMS", java.util.List.of("B1"), java.util.List.of(), null);
        java.util.List<InstanceFile.TeamEntry> teams = java.util.List.of(
                new InstanceFile.TeamEntry("B1", "德民社区功能型党支部", "B1", "C1", 20, Map.of(), Map.of("C1-W01", 8), 30.0),
                new InstanceFile.TeamEntry("G1", "应急党小组", "B1", "C1", 6, Map.of("plumbing_electrical", 4), Map.of("C1-W01", 3), 0.0),
                new InstanceFile.TeamEntry("B2", "别处的支部", "B2", "C1", 30, Map.of("plumbing_electrical", 9), Map.of(), 0.0));

        Plan local = SolveFiles.solve(new InstanceFile.Instance(null, null, java.util.List.of(neighbour), teams,
                java.util.List.of(lights, flood)), java.time.Duration.ofSeconds(1));
        Map<String, InstanceFile.Assignment> bySeat = local.assignments().stream()
                .collect(Collectors.toMap(InstanceFile.Assignment::seatId, a -> a));
        assertThat(bySeat.get("E1#team").teamId()).as("the only invited team (a group of B1) holding the skill").isEqualTo("G1");
        assertThat(bySeat.get("T1#1").memberId()).as("双报到: the neighbour is registered in C2").isNull();
        assertThat(local.feasible()).isTrue();

        Plan wide = SolveFiles.solve(new InstanceFile.Instance(null, true, java.util.List.of(neighbour), teams,
                java.util.List.of(lights, flood)), java.time.Duration.ofSeconds(1));
        assertThat(wide.assignments()).filteredOn(a -> a.seatId().equals("T1#1")).extracting(InstanceFile.Assignment::memberId)
                .containsExactly("M7");
        assertThat(wide.seatsFilled()).isEqualTo(2);
    }

    @Test
    void aStandInSkillGivenInTheFileLetsAMemberWithoutTheExactSkillServe() {
        InstanceFile.MemberEntry electrician = new InstanceFile.MemberEntry("M8", "陈电工", Map.of("circuit_repair", 4),
                java.util.List.of("WEEKEND_MORNING"), java.util.List.of(), "C1-W01-P1-M01", "C1-W01", "C1", "S1", 0.0, null,
                java.util.List.of(), null, java.util.List.of());
        java.util.function.Function<java.util.List<InstanceFile.SubstituteEntry>, InstanceFile.TaskEntry> lights = substitutes ->
                new InstanceFile.TaskEntry("T1", "更换楼道灯", "MICRO_SERVICE", 2, "2026-12-05T09:00+08:00", "2026-12-05T11:00+08:00",
                        java.util.List.of("plumbing_electrical"), null, "C1-W01-P1-M01", "C1-W01", "C1", "S1", java.util.List.of(), 1,
                        java.util.List.of(), null, null, null, substitutes);

        Plan exact = SolveFiles.solve(new InstanceFile.Instance(null, null, java.util.List.of(electrician), null,
                java.util.List.of(lights.apply(null))), java.time.Duration.ofSeconds(1));
        assertThat(exact.seatsFilled()).as("no stand-ins in the file: the skill is required").isZero();

        Plan standIn = SolveFiles.solve(new InstanceFile.Instance(null, null, java.util.List.of(electrician), null,
                java.util.List.of(lights.apply(java.util.List.of(new InstanceFile.SubstituteEntry("circuit_repair", "电路维修", 0.9))))),
                java.time.Duration.ofSeconds(1));
        assertThat(standIn.assignments()).extracting(InstanceFile.Assignment::memberId).containsExactly("M8");
        assertThat(standIn.feasible()).isTrue();
    }
}
