package cn.nantong.tongtongzai.matching;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import cn.nantong.tongtongzai.matching.InstanceFile.Instance;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code solve bench --in a.json,b.json [--seconds 10] [--runs 3]}: solves each instance file several times in
 * one warmed-up process, as {@code solve} does, and prints a Markdown row per file with the exact core's
 * bound beside the plan — the gap to the proven optimum is printed on every run.
 */
final class FileBenchmark {

    static final String USAGE = "usage: solve bench --in a.json[,b.json…] [--seconds N (default 10)] [--runs N (default 3)]";

    private FileBenchmark() {
    }

    static int run(List<Path> files, int seconds, int runs) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Instance first = json.readValue(Files.readString(files.getFirst()), Instance.class);
        for (int i = 0; i < 2; i++) { // warm-up: class loading, constraint streams, JIT
            PlanSolver.solveInParts(InstanceFile.problem(first), Duration.ofSeconds(Math.min(seconds, 2)), Duration.ofSeconds(1));
        }
        System.out.println("| instance | members | seats | parts | bound: seats | plan: seats | bound: soft | plan: soft | gap | proven optimal | seconds (min / median / max of " + runs + ") |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Path file : files) {
            Instance instance = json.readValue(Files.readString(file), Instance.class);
            double[] times = new double[runs];
            PlanSolver.Outcome last = null;
            int seats = 0;
            for (int r = 0; r < runs; r++) {
                MatchingPlan problem = InstanceFile.problem(instance);
                seats = problem.getSeats().size();
                last = PlanSolver.solveInParts(problem, Duration.ofSeconds(seconds), Duration.ofMillis(Math.max(500, seconds * 200L)));
                times[r] = last.seconds();
            }
            Arrays.sort(times);
            System.out.printf("| %s | %,d | %,d | %d | %s | %,d | %s | %,d | %s | %s | %.2f / %.2f / %.2f |%n", file.getFileName(),
                    instance.members().size(), seats, last.parts(),
                    last.bound() == null ? "–" : String.format("%,d", seats + last.bound().mediumScore()),
                    seats + last.best().getScore().mediumScore(),
                    last.bound() == null ? "–" : String.format("%,d", last.bound().softScore()), last.best().getScore().softScore(),
                    last.gapText(),
                    last.proven() ? "**yes**" : "no", times[0], times[runs / 2], times[runs - 1]);
        }
        return 0;
    }

    /** Parses the options and runs; returns the exit code. */
    static int run(String[] args) {
        try {
            List<Path> files = new ArrayList<>();
            for (String name : SolveFiles.option(args, "in", null).split(",")) {
                files.add(Path.of(name));
            }
            return run(files, Integer.parseInt(SolveFiles.option(args, "seconds", "10")),
                    Integer.parseInt(SolveFiles.option(args, "runs", "3")));
        } catch (Exception e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
    }
}
