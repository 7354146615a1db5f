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
}
