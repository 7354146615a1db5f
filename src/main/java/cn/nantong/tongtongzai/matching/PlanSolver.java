package cn.nantong.tongtongzai.matching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.impl.solver.DefaultSolver;

/**
 * Solves a matching problem outside a job (the {@code solve} command and the benchmark): its exact core
 * first, then OptaPlanner from the core's plan until it reaches the core's bound; a problem whose
 * communities share no member in parts, one per community, on all cores, the plan being their union.
 */
final class PlanSolver {

    private static final SolutionManager<MatchingPlan, HardMediumSoftLongScore> SCORER = SolutionManager.create(
            SolverFactory.create(MatchingSolverConfiguration.solverConfig(Duration.ofSeconds(1), Duration.ofSeconds(1))));

    private PlanSolver() {
    }

    /**
     * What a solve saw: the best plan, the core's bound ({@code null} when team seats are open), when the
     * first feasible plan came and when the plan last filled a seat, the best score at 5 and 30 s, speed.
     */
    record Outcome(MatchingPlan best, HardMediumSoftLongScore bound, double coreSeconds, double firstFeasible,
            double seatsSettled, double lastImprovement, HardMediumSoftLongScore at5, HardMediumSoftLongScore at30,
            long speed, double seconds, int parts) {

        /** The best plan reached the bound: no plan can score better. */
        boolean proven() {
            return bound != null && best.getScore().compareTo(bound) >= 0;
        }

        /** The plan against the bound, as every command and benchmark prints it. */
        String gapText() {
            return PlanSolver.gapText(best.getScore(), bound);
        }
    }

    /** A plan's score against the exact core's bound: proven optimal, or the seats short and the soft gap. */
    static String gapText(HardMediumSoftLongScore score, HardMediumSoftLongScore bound) {
        if (bound == null) {
            return "no bound (team seats are open)";
        }
        if (score.compareTo(bound) >= 0) {
            return "optimal (the exact core's bound " + text(bound) + " reached)";
        }
        long soft = bound.softScore();
        return String.format("bound %s: %d seats short, soft %.3f %% below", text(bound), bound.mediumScore() - score.mediumScore(),
                soft == 0 ? 0.0 : 100.0 * (soft - score.softScore()) / Math.abs(soft));
    }

    static String text(HardMediumSoftLongScore score) {
        return score == null ? "–" : score.hardScore() + "/" + score.mediumScore() + "/" + score.softScore();
    }

    /** Each constraint's part in a plan's score. */
    static ScoreExplanation<MatchingPlan, HardMediumSoftLongScore> explain(MatchingPlan plan) {
        return SCORER.explain(plan);
    }

    /** The score of a plan with the service's constraints (sets it on the plan). */
    static HardMediumSoftLongScore score(MatchingPlan plan) {
        return SCORER.update(plan); // thread-safe: a score director per call
    }

    /**
     * Seats the problem's open member seats as the exact core decided — the solver starts from that plan,
     * so no time limit can cut the construction short — and returns the core's bound; null when team seats
     * are open (the core does not bound them) or the plan is not fresh (some open seat already filled).
     */
    static HardMediumSoftLongScore prepare(MatchingPlan problem, ExactCore.Result core) {
        if (problem.getSeats().stream().anyMatch(s -> !s.isPinned() && s.getMember() != null)) {
            return null;
        }
        HardMediumSoftLongScore bound = problem.getTeamSeats().stream().anyMatch(s -> !s.isPinned()) ? null
                : core.bound(score(problem));
        problem.getSeats().stream().filter(s -> !s.isPinned()).forEach(s -> s.setMember(core.assignment().get(s.getId())));
        return bound;
    }

    /** One problem, one solver. */
    static Outcome solve(MatchingPlan problem, Duration limit, Duration unimproved) {
        long started = System.nanoTime();
        ExactCore.Result core = ExactCore.solve(problem);
        HardMediumSoftLongScore bound = prepare(problem, core);
        HardMediumSoftLongScore seated = score(problem);
        List<Object[]> improvements = new ArrayList<>(); // [seconds, score], the core's plan first
        improvements.add(new Object[] {(System.nanoTime() - started) / 1e9, seated});
        if (bound != null && seated.compareTo(bound) >= 0) { // the core's plan is optimal: nothing to improve
            double spent = (System.nanoTime() - started) / 1e9;
            return new Outcome(problem, bound, core.seconds(), spent, spent, spent, seated, seated, 0, spent, 1);
        }
        Solver<MatchingPlan> solver = SolverFactory.<MatchingPlan>create(
                MatchingSolverConfiguration.solverConfig(limit, unimproved, false, bound)).buildSolver();
        solver.addEventListener(event -> improvements.add(new Object[] {(System.nanoTime() - started) / 1e9, event.getNewBestScore()}));
        MatchingPlan best = solver.solve(problem);
        double spent = (System.nanoTime() - started) / 1e9;
        double firstFeasible = improvements.stream().filter(i -> ((HardMediumSoftLongScore) i[1]).hardScore() == 0)
                .mapToDouble(i -> (double) i[0]).findFirst().orElse(Double.NaN);
        long speed = ((DefaultSolver<MatchingPlan>) solver).getSolverScope().getScoreCalculationSpeed();
        long finalMedium = best.getScore().mediumScore();
        double seatsSettled = improvements.stream().filter(i -> ((HardMediumSoftLongScore) i[1]).mediumScore() == finalMedium)
                .mapToDouble(i -> (double) i[0]).findFirst().orElse(Double.NaN);
        double last = improvements.isEmpty() ? Double.NaN : (double) improvements.getLast()[0];
        return new Outcome(best, bound, core.seconds(), firstFeasible, seatsSettled, last, scoreAt(improvements, 5),
                scoreAt(improvements, 30), speed, spent, 1);
    }

    /**
     * Each part on its own solver, as many at a time as there are cores, sharing the time limit: a part
     * gets the time left times the threads over the parts left (a part that reaches its bound ends at once,
     * leaving its time to the rest). The plan is the problem's seats filled as the parts decided.
     */
    static Outcome solveInParts(MatchingPlan problem, Duration limit, Duration unimproved) {
        List<MatchingPlan> parts = parts(problem);
        if (parts.size() <= 1) {
            return solve(problem, limit, unimproved);
        }
        int threads = Math.max(1, Math.min(parts.size(), Runtime.getRuntime().availableProcessors()));
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        AtomicInteger left = new AtomicInteger(parts.size());
        List<Future<Outcome>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (MatchingPlan part : parts) {
                futures.add(pool.submit(() -> {
                    Duration share = Duration.ofMillis(Math.max(50,
                            (deadline - System.nanoTime()) / 1_000_000 * threads / Math.max(1, left.getAndDecrement())));
                    return solve(part, share, unimproved.compareTo(share) < 0 ? unimproved : share);
                }));
            }
        }
        Map<String, Candidate> chosen = new HashMap<>();
        long hard = 0, medium = 0, soft = 0, speed = 0;
        boolean bounded = true;
        double core = 0, firstFeasible = 0, settled = 0;
        for (Future<Outcome> future : futures) {
            Outcome o = result(future);
            o.best().getSeats().forEach(s -> chosen.put(s.getId(), s.getMember()));
            if (o.bound() == null) {
                bounded = false;
            } else {
                hard += o.bound().hardScore();
                medium += o.bound().mediumScore();
                soft += o.bound().softScore();
            }
            core += o.coreSeconds();
            firstFeasible = Math.max(firstFeasible, o.firstFeasible());
            settled = Math.max(settled, o.seatsSettled());
            speed += o.speed();
        }
        problem.getSeats().forEach(s -> s.setMember(chosen.get(s.getId())));
        score(problem);
        return new Outcome(problem, bounded ? HardMediumSoftLongScore.of(hard, medium, soft) : null, core, firstFeasible,
                settled, Double.NaN, null, null, speed / parts.size(), (System.nanoTime() - started) / 1e9, parts.size());
    }

    /**
     * The problem's independent parts: one per community, unless members may serve the whole street, or an
     * existing claim ties a member to another community's task (then the problem stays whole).
     */
    static List<MatchingPlan> parts(MatchingPlan problem) {
        boolean tied = problem.getSeats().stream().anyMatch(s -> s.isPinned() && s.getMember() != null
                && !s.getMember().communityId().equals(s.getTask().communityId()));
        if (problem.getPool().streetWide() || tied) {
            return List.of(problem);
        }
        Map<String, List<Seat>> seats = new LinkedHashMap<>();
        Map<String, List<TeamSeat>> teamSeats = new LinkedHashMap<>();
        problem.getSeats().forEach(s -> seats.computeIfAbsent(s.getTask().communityId(), k -> new ArrayList<>()).add(s));
        problem.getTeamSeats().forEach(s -> teamSeats.computeIfAbsent(s.getTask().communityId(), k -> new ArrayList<>()).add(s));
        List<String> communities = new ArrayList<>(seats.keySet());
        teamSeats.keySet().stream().filter(c -> !seats.containsKey(c)).forEach(communities::add);
        List<MatchingPlan> parts = new ArrayList<>();
        for (String community : communities) {
            List<Seat> mine = seats.getOrDefault(community, List.of());
            List<TeamSeat> ours = teamSeats.getOrDefault(community, List.of());
            parts.add(new MatchingPlan(
                    problem.getCandidates().stream().filter(c -> community.equals(c.communityId())).toList(),
                    problem.getTeams().stream().filter(t -> community.equals(t.communityId())).toList(),
                    problem.getTasks().stream().filter(t -> community.equals(t.communityId())).toList(),
                    mine.stream().map(s -> new Seat(s.getId(), s.getTask(), s.getMember(), s.isPinned())).toList(),
                    ours.stream().map(s -> new TeamSeat(s.getId(), s.getTask(), s.getHeadcount(), s.getInvitedTeamIds(),
                            s.getTeam(), s.isPinned())).toList(),
                    problem.getWeights(), problem.getPool()));
        }
        return parts;
    }

    private static Outcome result(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while solving", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static HardMediumSoftLongScore scoreAt(List<Object[]> improvements, double at) {
        HardMediumSoftLongScore score = null;
        for (Object[] i : improvements) {
            if ((double) i[0] <= at) {
                score = (HardMediumSoftLongScore) i[1];
            }
        }
        return score;
    }
}
