package cn.nantong.tongtongzai.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The exact core against brute force: on small random problems every assignment is scored with the
 * service's real constraints, and the best of them is compared with what the core says.
 */
class ExactCoreTest {

    /** Monday 2026-12-07 00:00 Nantong time, in epoch minutes. */
    static final long MONDAY = OffsetDateTime.parse("2026-12-07T00:00+08:00").toEpochSecond() / 60;
    static final String[] SKILLS = {"a", "b", "c"};

    @Test
    void whereWindowsAreSlotsAndLoadsEqualTheCoreIsTheOptimum() {
        for (int seed = 1; seed <= 30; seed++) {
            MatchingPlan problem = problem(new Random(seed), true, seed % 3 == 0 ? new MatchingWeights(10, 0, 0, 1, 0, 0, 0)
                    : MatchingWeights.DEFAULT);
            HardMediumSoftLongScore best = bruteForce(problem);
            HardMediumSoftLongScore bound = PlanSolver.prepare(problem, ExactCore.solve(problem));
            assertThat(bound).as("seed %d: the core's bound is the optimum", seed).isEqualTo(best);
            assertThat(PlanSolver.score(problem)).as("seed %d: the core's own plan reaches it", seed).isEqualTo(best);
        }
    }

    @Test
    void whereWindowsOverlapInPartTheCoreStillBoundsAndTheSolverStaysFeasible() {
        int boundIsTheOptimum = 0;
        for (int seed = 101; seed <= 130; seed++) {
            MatchingPlan problem = problem(new Random(seed), false, MatchingWeights.DEFAULT);
            HardMediumSoftLongScore best = bruteForce(problem);
            HardMediumSoftLongScore bound = PlanSolver.prepare(problem, ExactCore.solve(problem));
            assertThat(bound.compareTo(best)).as("seed %d: no plan beats the bound", seed).isGreaterThanOrEqualTo(0);
            assertThat(PlanSolver.score(problem).hardScore()).as("seed %d: the core's plan breaks no rule", seed).isZero();
            if (bound.equals(best)) {
                boundIsTheOptimum++;
            }
            PlanSolver.Outcome solved = PlanSolver.solve(problem(new Random(seed), false, MatchingWeights.DEFAULT),
                    Duration.ofMillis(300), Duration.ofMillis(300));
            assertThat(solved.best().getScore().hardScore()).isZero();
            assertThat(solved.best().getScore().compareTo(best)).as("seed %d", seed).isLessThanOrEqualTo(0);
        }
        assertThat(boundIsTheOptimum).as("the bound is often exact even so").isGreaterThan(5);
    }

    /** The best score over every assignment of the open seats, each scored by the constraint streams. */
    static HardMediumSoftLongScore bruteForce(MatchingPlan plan) {
        List<Seat> open = plan.getSeats().stream().filter(s -> !s.isPinned()).toList();
        HardMediumSoftLongScore[] best = {null};
        assign(plan, open, 0, best);
        open.forEach(s -> s.setMember(null));
        return best[0];
    }

    private static void assign(MatchingPlan plan, List<Seat> open, int i, HardMediumSoftLongScore[] best) {
        if (i == open.size()) {
            HardMediumSoftLongScore score = PlanSolver.score(plan);
            if (score.hardScore() == 0 && (best[0] == null || score.compareTo(best[0]) > 0)) {
                best[0] = score;
            }
            return;
        }
        List<Candidate> values = new ArrayList<>(open.get(i).getCandidates());
        values.add(null);
        for (Candidate member : values) {
            open.get(i).setMember(member);
            assign(plan, open, i + 1, best);
        }
    }

    /**
     * Four members (skills, availability, hours served, weekly caps of 2–6 h) and three open seats; a pinned
     * claim now and then. {@code slots}: 2-hour windows that are the same or apart; otherwise 1–3 hours
     * starting on any of five hours, overlapping in part.
     */
    static MatchingPlan problem(Random random, boolean slots, MatchingWeights weights) {
        List<Candidate> members = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Map<String, Integer> skills = Map.of(SKILLS[random.nextInt(3)], 1 + random.nextInt(5));
            Set<String> availability = random.nextInt(4) == 0 ? Set.of("WEEKEND_MORNING") : Set.of("WEEKEND_MORNING", "WEEKEND_AFTERNOON");
            members.add(new Candidate("M" + i, "党员" + i, skills, availability, Set.of(random.nextBoolean() ? "LEGAL_AID" : "MEDIATION"),
                    "C1-W" + random.nextInt(2) + "-M" + random.nextInt(2), "C1-W" + random.nextInt(2), "C1", "S1",
                    60 * random.nextInt(12), List.of(), Map.of(), 60 * (2 + 2 * random.nextInt(3)),
                    random.nextBoolean() ? null : 0.5 + random.nextInt(50) / 100.0, Set.of(random.nextBoolean() ? "R1" : "R2")));
        }
        List<TaskFact> tasks = new ArrayList<>();
        List<Seat> seats = new ArrayList<>();
        Map<String, Integer> count = new HashMap<>();
        while (seats.size() < 3) {
            long start = MONDAY + 5 * 24 * 60; // Saturday
            long minutes;
            if (slots) {
                start += 60 * (random.nextBoolean() ? 9 : 14);
                minutes = 120;
            } else {
                start += 60 * (8 + 2 * random.nextInt(5));
                minutes = 60 * (1 + random.nextInt(3));
            }
            String id = "T" + (tasks.size() + 1);
            TaskFact task = new TaskFact(id, "任务", "MICRO_SERVICE", 1 + random.nextInt(4), start, start + minutes,
                    Availability.slots(start, start + minutes), random.nextInt(4) == 0 ? Set.of() : Set.of(SKILLS[random.nextInt(3)]),
                    random.nextBoolean() ? "LEGAL_AID" : "HELP_THE_NEEDY", "C1-W0-M0", "C1-W0", "C1", "S1",
                    Set.of(random.nextBoolean() ? "R1" : "R3"));
            tasks.add(task);
            int headcount = 1 + random.nextInt(2);
            for (int k = 0; k < headcount && seats.size() < 3; k++) {
                seats.add(new Seat(id + "#" + count.merge(id, 1, Integer::sum), task, null, false));
            }
            if (random.nextInt(5) == 0) {
                seats.add(new Seat(id + "#claimed", task, members.get(random.nextInt(4)), true));
            }
        }
        return new MatchingPlan(members, List.of(), tasks, seats, List.of(), weights, CandidatePool.COMMUNITY);
    }
}
