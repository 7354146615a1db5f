package cn.nantong.tongtongzai.matching;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * {@code solve benchmark [--seconds=30] [--city-seconds=60] [--scales=community,street,city,partitioned]}: the
 * matching benchmark on the database's members (run it on the {@code city} data set, see
 * benchmarks/matching.sh). Open tasks are generated for them (seeded, so every run plans the same
 * instance: about 0.6 seats per member over the next two weeks, skills drawn from what the community's
 * members hold) and planned by the solver and by a greedy baseline — first come, first fit by skill and
 * proximity — scored with the same constraints. Prints time to the first feasible plan, best score at 5 s
 * and 30 s, score calculation speed, seats filled and the fairness of the hours (Gini, Jain) for both.
 */
@Component
@ConditionalOnBooleanProperty("tongtong.solve-benchmark-command")
class MatchingBenchmark implements ApplicationRunner {

    private final CandidateLoader loader;
    private final Neo4jClient neo4j;
    private MatchingWeights weights = MatchingWeights.DEFAULT;

    MatchingBenchmark(CandidateLoader loader, Neo4jClient neo4j) {
        this.loader = loader;
        this.neo4j = neo4j;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        int seconds = Integer.parseInt(option(args, "seconds", "30"));
        int citySeconds = Integer.parseInt(option(args, "city-seconds", "60"));
        Set<String> scales = Set.of(option(args, "scales", "community,street,city,partitioned").split(","));
        String w = option(args, "weights", null);
        if (w != null) { // proximity,skillLevel,postCategory,fairness,continuity,satisfaction,difficulty
            int[] v = java.util.Arrays.stream(w.split(",")).mapToInt(Integer::parseInt).toArray();
            weights = new MatchingWeights(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        }
        System.out.println("Weights: " + weights);
        List<Map<String, Object>> streets = neo4j.query("""
                MATCH (s:Street)-[:HAS_COMMUNITY]->(c:Community)
                WITH s, c ORDER BY c.id
                RETURN s.id AS street, collect(c.id) AS communities ORDER BY s.id""").fetch().all().stream().toList();
        List<String> all = streets.stream().flatMap(s -> ((List<?>) s.get("communities")).stream().map(String::valueOf)).toList();
        long loading = System.nanoTime();
        List<Candidate> everyone = loader.candidates(all, List.of(), List.of());
        System.out.printf("Read %,d members of %d communities in %d streets in %.1f s%n", everyone.size(), all.size(),
                streets.size(), (System.nanoTime() - loading) / 1e9);
        Map<String, List<Candidate>> byCommunity = everyone.stream().collect(Collectors.groupingBy(Candidate::communityId));
        Map<String, List<TaskFact>> tasks = new HashMap<>();
        Map<String, Integer> headcounts = new HashMap<>();
        Random random = new Random(20261129);
        for (String community : all) {
            generateTasks(byCommunity.getOrDefault(community, List.of()), random, tasks, headcounts);
        }
        // the community and street closest to the issue's sizes (~75 members, ~700 members)
        String community = all.stream().min(Comparator.comparingInt(c -> Math.abs(byCommunity.getOrDefault(c, List.of()).size() - 75))).orElseThrow();
        Map<String, Object> street = streets.stream().min(Comparator.comparingInt(s -> Math.abs(((List<?>) s.get("communities")).stream()
                .mapToInt(c -> byCommunity.getOrDefault(String.valueOf(c), List.of()).size()).sum() - 700))).orElseThrow();
        List<String> streetCommunities = ((List<?>) street.get("communities")).stream().map(String::valueOf).toList();

        System.out.println();
        System.out.println("| scale | members | seats | solver: first feasible | all its seats filled | last improvement | best at 5 s | best at 30 s | best (end) | exact core: bound, gap | score calc/s | seats filled | Gini | Jain | greedy: seats filled | greedy score | greedy Gini | greedy Jain | greedy time |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        if (scales.contains("community")) {
            report("community " + community, List.of(community), byCommunity, tasks, headcounts, seconds);
        }
        if (scales.contains("street")) {
            report("street " + street.get("street"), streetCommunities, byCommunity, tasks, headcounts, seconds);
        }
        if (scales.contains("city")) {
            report("city (one problem)", all, byCommunity, tasks, headcounts, citySeconds);
        }
        if (scales.contains("partitioned")) {
            partitioned(all, byCommunity, tasks, headcounts, citySeconds);
        }
    }

    /** About 0.62 seats per member (16,000 for 26,000): tasks of 1–3 seats over the next 14 days. */
    private static void generateTasks(List<Candidate> members, Random random, Map<String, List<TaskFact>> tasks,
            Map<String, Integer> headcounts) {
        if (members.isEmpty()) {
            return;
        }
        List<String> skills = members.stream().flatMap(m -> m.skillLevels().keySet().stream()).toList();
        List<Candidate> housed = members.stream().filter(m -> m.microGridId() != null).toList();
        String[] categories = {"LEGAL_AID", "POLICY_PROMOTION", "HELP_THE_NEEDY", "HEALTH_CARE", "CULTURE_EDUCATION",
                "ENVIRONMENT", "SAFETY_PATROL", "MEDIATION"};
        int[] startHours = {8, 9, 10, 14, 15, 19};
        LocalDate tomorrow = ZonedDateTime.now(Availability.NANTONG).toLocalDate().plusDays(1);
        int seats = (int) Math.round(members.size() * 0.62);
        Candidate any = members.getFirst();
        for (int i = 0, planned = 0; planned < seats; i++) {
            int headcount = Math.min(seats - planned, 1 + random.nextInt(3));
            Candidate place = housed.isEmpty() ? any : housed.get(random.nextInt(housed.size()));
            long start = tomorrow.plusDays(random.nextInt(14)).atTime(startHours[random.nextInt(startHours.length)], 0)
                    .atZone(Availability.NANTONG).toEpochSecond() / 60;
            long end = start + 60L * (1 + random.nextInt(3));
            Set<String> required = skills.isEmpty() || random.nextInt(10) < 3 ? Set.of() : Set.of(skills.get(random.nextInt(skills.size())));
            String id = any.communityId() + "-B" + (i + 1);
            TaskFact task = new TaskFact(id, "任务" + (i + 1), "MICRO_SERVICE", 1 + random.nextInt(4), start, end,
                    Availability.slots(start, end), required, categories[random.nextInt(categories.length)],
                    place.microGridId(), place.gridId(), any.communityId(), any.streetId(), Set.of());
            tasks.computeIfAbsent(any.communityId(), k -> new ArrayList<>()).add(task);
            headcounts.put(id, headcount);
            planned += headcount;
        }
    }

    private MatchingPlan problem(List<String> communities, Map<String, List<Candidate>> byCommunity,
            Map<String, List<TaskFact>> tasks, Map<String, Integer> headcounts) {
        List<Candidate> candidates = new ArrayList<>();
        List<TaskFact> facts = new ArrayList<>();
        List<Seat> seats = new ArrayList<>();
        for (String community : communities) {
            candidates.addAll(byCommunity.getOrDefault(community, List.of()));
            for (TaskFact task : tasks.getOrDefault(community, List.of())) {
                facts.add(task);
                for (int i = 1; i <= headcounts.get(task.id()); i++) {
                    seats.add(new Seat(task.id() + "#" + i, task, null, false));
                }
            }
        }
        return new MatchingPlan(candidates, List.of(), facts, seats, List.of(), weights, CandidatePool.COMMUNITY);
    }

    private void report(String name, List<String> communities, Map<String, List<Candidate>> byCommunity,
            Map<String, List<TaskFact>> tasks, Map<String, Integer> headcounts, int seconds) {
        MatchingPlan problem = problem(communities, byCommunity, tasks, headcounts);
        long greedyStarted = System.nanoTime();
        MatchingPlan greedy = GreedyBaseline.plan(problem(communities, byCommunity, tasks, headcounts));
        double greedySeconds = (System.nanoTime() - greedyStarted) / 1e9;
        HardMediumSoftLongScore greedyScore = PlanSolver.score(greedy);
        PlanSolver.Outcome solved = PlanSolver.solve(problem, Duration.ofSeconds(seconds), Duration.ofSeconds(seconds));
        HardMediumSoftLongScore best = solved.best().getScore();
        System.out.printf("| %s | %,d | %,d | %.2f s | %.2f s | %.2f s | %s | %s | %s (%.1f s) | %s | %,d | %,d | %.3f | %.3f | %,d | %s | %.3f | %.3f | %.2f s |%n",
                name, problem.getCandidates().size(), problem.getSeats().size(), solved.firstFeasible(),
                solved.seatsSettled(), solved.lastImprovement(), PlanSolver.text(solved.at5()),
                PlanSolver.text(solved.at30()), PlanSolver.text(best), solved.seconds(), solved.gapText(), solved.speed(), filled(solved.best()),
                gini(hours(solved.best())), jain(hours(solved.best())), filled(greedy), PlanSolver.text(greedyScore),
                gini(hours(greedy)), jain(hours(greedy)), greedySeconds);
    }

    /** Each community solved on its own (as many at a time as there are cores), the plans put together. */
    private void partitioned(List<String> all, Map<String, List<Candidate>> byCommunity, Map<String, List<TaskFact>> tasks,
            Map<String, Integer> headcounts, int budgetSeconds) throws Exception {
        PlanSolver.Outcome o = PlanSolver.solveInParts(problem(all, byCommunity, tasks, headcounts),
                Duration.ofSeconds(budgetSeconds), Duration.ofSeconds(1));
        MatchingPlan city = o.best();
        MatchingPlan greedy = GreedyBaseline.plan(problem(all, byCommunity, tasks, headcounts));
        System.out.printf("| city partitioned by community (%d parts, %d threads) | %,d | %,d | %.2f s (slowest community) | %.2f s (slowest community) | | | | %s (%.1f s wall) | %s | %,d (mean per solve) | %,d | %.3f | %.3f | %,d | %s | %.3f | %.3f | |%n",
                o.parts(), Runtime.getRuntime().availableProcessors(), city.getCandidates().size(), city.getSeats().size(),
                o.firstFeasible(), o.seatsSettled(), PlanSolver.text(city.getScore()), o.seconds(), o.gapText(), o.speed(), filled(city),
                gini(hours(city)), jain(hours(city)), filled(greedy), PlanSolver.text(PlanSolver.score(greedy)), gini(hours(greedy)), jain(hours(greedy)));
    }

    private static int filled(MatchingPlan plan) {
        return (int) plan.getSeats().stream().filter(s -> s.getMember() != null).count();
    }

    /** Hours per member (served this year plus planned), every member of the instance counted. */
    static double[] hours(MatchingPlan plan) {
        Map<String, Integer> minutes = new LinkedHashMap<>();
        plan.getCandidates().forEach(c -> minutes.put(c.id(), c.historyMinutes()));
        plan.getSeats().stream().filter(s -> s.getMember() != null)
                .forEach(s -> minutes.merge(s.getMember().id(), s.getTask().minutes(), Integer::sum));
        return minutes.values().stream().mapToDouble(m -> m / 60.0).toArray();
    }

    /** 0 = everyone serves the same hours, 1 = one member serves them all. */
    static double gini(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < v.length; i++) {
            sum += v[i];
            weighted += (i + 1) * v[i];
        }
        return sum == 0 ? 0 : (2 * weighted) / (v.length * sum) - (v.length + 1.0) / v.length;
    }

    /** 1 = perfectly even, 1/n = one member serves all. */
    static double jain(double[] values) {
        double sum = 0;
        double squares = 0;
        for (double x : values) {
            sum += x;
            squares += x * x;
        }
        return squares == 0 ? 1 : sum * sum / (values.length * squares);
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }
}
