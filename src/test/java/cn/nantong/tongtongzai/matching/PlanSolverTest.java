package cn.nantong.tongtongzai.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import cn.nantong.tongtongzai.matching.InstanceFile.Instance;

/** Solving outside jobs: parts per community, the plan their union, the exact core's bound reached. */
class PlanSolverTest {

    @Test
    void aStreetIsSolvedCommunityByCommunityToItsProvenOptimum() {
        Instance street = InstanceGenerator.generate(InstanceGenerator.Scale.STREET, 7, InstanceGenerator.Windows.SLOTS,
                null, false);
        MatchingPlan problem = InstanceFile.problem(street);
        assertThat(PlanSolver.parts(problem)).hasSize(9);

        PlanSolver.Outcome solved = PlanSolver.solveInParts(problem, Duration.ofSeconds(20), Duration.ofSeconds(2));

        assertThat(solved.parts()).isEqualTo(9);
        assertThat(solved.best().getSeats()).hasSameSizeAs(problem.getSeats());
        assertThat(solved.best().getScore()).as("the union scored as one plan").isEqualTo(PlanSolver.score(solved.best()));
        assertThat(solved.best().getScore().hardScore()).isZero();
        assertThat(solved.proven()).as("slots are within the exact core: the bound is the optimum, and reached").isTrue();
        assertThat(solved.best().getSeats().stream().filter(s -> s.getMember() != null)
                .allMatch(s -> s.getMember().communityId().equals(s.getTask().communityId()))).isTrue();
    }

    @Test
    void theStreetPoolOrAClaimAcrossCommunitiesKeepsTheProblemWhole() {
        Instance street = InstanceGenerator.generate(InstanceGenerator.Scale.STREET, 7, InstanceGenerator.Windows.SLOTS,
                null, true);
        assertThat(PlanSolver.parts(InstanceFile.problem(street))).hasSize(1);

        MatchingPlan problem = InstanceFile.problem(InstanceGenerator.generate(InstanceGenerator.Scale.STREET, 7,
                InstanceGenerator.Windows.SLOTS, null, false));
        Seat claim = problem.getSeats().getFirst();
        Candidate stranger = problem.getCandidates().stream()
                .filter(c -> !c.communityId().equals(claim.getTask().communityId())).findFirst().orElseThrow();
        List<Seat> seats = new java.util.ArrayList<>(problem.getSeats());
        seats.add(new Seat("support", claim.getTask(), stranger, true));
        MatchingPlan tied = new MatchingPlan(problem.getCandidates(), List.of(), problem.getTasks(), seats, List.of(),
                problem.getWeights(), problem.getPool());
        assertThat(PlanSolver.parts(tied)).as("a member supporting another community ties the two").hasSize(1);
    }

    /** Two one-hour tasks, two equally placed members with 10 hours each: each gets one (fair by construction). */
    @Test
    void twoTasksGoToTwoMembersWhoServedAlike() {
        Candidate first = member("M1");
        Candidate second = member("M2");
        TaskFact morning = task("T1", MatchingConstraintsTest.SAT_9);
        TaskFact noon = task("T2", MatchingConstraintsTest.SAT_9 + 120);
        MatchingPlan problem = new MatchingPlan(List.of(first, second), List.of(morning, noon),
                List.of(new Seat("T1#1", morning, null, false), new Seat("T2#1", noon, null, false)),
                new MatchingWeights(10, 0, 0, 1, 0, 0, 0));

        PlanSolver.Outcome solved = PlanSolver.solve(problem, Duration.ofSeconds(5), Duration.ofSeconds(1));

        Map<String, String> plan = solved.best().getSeats().stream()
                .collect(Collectors.toMap(Seat::getId, s -> s.getMember().id()));
        assertThat(Set.copyOf(plan.values())).containsExactlyInAnyOrder("M1", "M2");
        assertThat(solved.proven()).isTrue();
    }

    private static Candidate member(String id) {
        return new Candidate(id, "党员" + id, Map.of(), Set.of("WEEKEND_MORNING", "WEEKEND_AFTERNOON"), Set.of(),
                "C1-W01-P1-M01", "C1-W01", "C1", "S1", 10 * 60, List.of(), Map.of(), 8 * 60, null, Set.of());
    }

    private static TaskFact task(String id, long start) {
        return new TaskFact(id, "送药", "MICRO_SERVICE", 1, start, start + 60, Availability.slots(start, start + 60), Set.of(),
                "HELP_THE_NEEDY", "C1-W01-P1-M01", "C1-W01", "C1", "S1", Set.of());
    }
}
