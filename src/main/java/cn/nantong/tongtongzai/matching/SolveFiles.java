package cn.nantong.tongtongzai.matching;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.constraint.ConstraintMatchTotal;

import cn.nantong.tongtongzai.matching.InstanceFile.Assignment;
import cn.nantong.tongtongzai.matching.InstanceFile.ConstraintScore;
import cn.nantong.tongtongzai.matching.InstanceFile.Instance;
import cn.nantong.tongtongzai.matching.InstanceFile.Plan;
import cn.nantong.tongtongzai.matching.InstanceFile.Score;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar tongtongzai.jar solve --in instance.json --out plan.json [--seconds N]}: solves an
 * instance file with the service's constraints, without a database or web server.
 */
public final class SolveFiles {

    static final String USAGE = "usage: solve --in instance.json --out plan.json [--seconds N (default 10)]";

    private SolveFiles() {
    }

    /** Runs the command; returns the process exit code. */
    public static int run(String[] args) {
        if (args.length > 1 && args[1].equals("generate")) {
            return generate(args);
        }
        if (args.length > 1 && args[1].equals("bench")) {
            return FileBenchmark.run(args);
        }
        try {
            Path in = Path.of(option(args, "in", null));
            Path out = Path.of(option(args, "out", null));
            int seconds = Integer.parseInt(option(args, "seconds", "10"));
            JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            Instance instance = json.readValue(Files.readString(in), Instance.class);
            Plan plan = solve(instance, Duration.ofSeconds(seconds));
            Files.writeString(out, json.writeValueAsString(plan));
            System.out.printf("%d seats, %d filled, score %dhard/%dmedium/%dsoft, %s, in %.1f s (%d parts); %s → %s%n", plan.seats(),
                    plan.seatsFilled(), plan.score().hard(), plan.score().medium(), plan.score().soft(),
                    plan.feasible() ? "feasible" : "INFEASIBLE", plan.seconds(), plan.parts(), boundText(plan), out.toAbsolutePath());
            return 0;
        } catch (Exception e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
    }

    /**
     * Solves for at most {@code limit}: each community on its own (unless the pool is the street's), the exact
     * core first; a part stops at the core's bound, or once its best stops improving for a fifth of the limit
     * within {@link MatchingSolverConfiguration#GAP_TOLERANCE} of it.
     */
    public static Plan solve(Instance instance, Duration limit) {
        MatchingPlan problem = InstanceFile.problem(instance);
        PlanSolver.Outcome outcome = PlanSolver.solveInParts(problem, limit, Duration.ofMillis(Math.max(500, limit.toMillis() / 5)));
        MatchingPlan best = outcome.best();
        double seconds = outcome.seconds();
        ScoreExplanation<MatchingPlan, HardMediumSoftLongScore> explanation = PlanSolver.explain(best);
        List<Assignment> assignments = new ArrayList<>();
        for (TeamSeat seat : best.getTeamSeats()) {
            assignments.add(new Assignment(seat.getId(), seat.getTask().id(), null,
                    seat.getTeam() == null ? null : seat.getTeam().id(), seat.isPinned()));
        }
        for (Seat seat : best.getSeats()) {
            assignments.add(new Assignment(seat.getId(), seat.getTask().id(),
                    seat.getMember() == null ? null : seat.getMember().id(), null, seat.isPinned()));
        }
        List<ConstraintScore> constraints = new ArrayList<>();
        for (ConstraintMatchTotal<HardMediumSoftLongScore> total : explanation.getConstraintMatchTotalMap().values()) {
            HardMediumSoftLongScore s = total.getScore();
            constraints.add(new ConstraintScore(total.getConstraintName(), s.hardScore(), s.mediumScore(), s.softScore(),
                    total.getConstraintMatchCount()));
        }
        constraints.sort(java.util.Comparator.comparing(ConstraintScore::name));
        HardMediumSoftLongScore score = explanation.getScore();
        long open = assignments.stream().filter(a -> !a.pinned()).count();
        long filled = assignments.stream().filter(a -> !a.pinned() && (a.memberId() != null || a.teamId() != null)).count();
        HardMediumSoftLongScore bound = outcome.bound();
        return new Plan(new Score(score.hardScore(), score.mediumScore(), score.softScore()), score.hardScore() == 0,
                (int) open, (int) filled, seconds, assignments, constraints,
                bound == null ? null : new Score(bound.hardScore(), bound.mediumScore(), bound.softScore()),
                bound == null ? null : outcome.proven(), outcome.parts());
    }

    /** {@code solve generate}: writes a seeded benchmark instance ({@link InstanceGenerator}). */
    static int generate(String[] args) {
        try {
            InstanceGenerator.Scale scale = InstanceGenerator.Scale.valueOf(option(args, "scale", null).toUpperCase(java.util.Locale.ROOT));
            InstanceGenerator.Windows windows = InstanceGenerator.Windows.valueOf(option(args, "windows", "slots").toUpperCase(java.util.Locale.ROOT));
            String weights = option(args, "weights", "default");
            if (!weights.equals("default") && !weights.equals("proximity-fairness")) {
                throw new IllegalArgumentException("--weights must be default or proximity-fairness");
            }
            Instance instance = InstanceGenerator.generate(scale, Long.parseLong(option(args, "seed", "1")), windows,
                    weights.equals("default") ? null : InstanceGenerator.PROXIMITY_AND_FAIRNESS,
                    java.util.Arrays.asList(args).contains("--street-wide"));
            Path out = Path.of(option(args, "out", null));
            Files.writeString(out, JsonMapper.builder().build().writeValueAsString(instance));
            System.out.printf("%,d members, %,d seats in %,d tasks → %s%n", instance.members().size(),
                    instance.tasks().stream().mapToInt(InstanceFile.TaskEntry::headcount).sum(), instance.tasks().size(),
                    out.toAbsolutePath());
            return 0;
        } catch (Exception e) {
            System.err.println(e.getMessage() + "\n" + InstanceGenerator.USAGE);
            return 2;
        }
    }

    /** The plan against the exact core's bound, as the command prints it. */
    static String boundText(Plan plan) {
        return PlanSolver.gapText(score(plan.score()), plan.bound() == null ? null : score(plan.bound()));
    }

    private static HardMediumSoftLongScore score(Score score) {
        return HardMediumSoftLongScore.of(score.hard(), score.medium(), score.soft());
    }

    static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return fallback;
    }
}
