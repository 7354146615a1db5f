import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claims per second under concurrent load, over GraphQL on a running service (the `demo` data).
 * Phase 1 (sustained): THREADS clients claim random seats on TASKS_PER_COMMUNITY tasks of each community
 * for SECONDS, as random members registered there. Phase 2 (the last seats): every client claims the
 * same few-seat tasks at once. Then every task is read back: zero over-booked tasks, zero members
 * holding two claims on one task.
 *
 * Usage: java benchmarks/ClaimLoad.java [graphqlUrl] [threads] [seconds]   (JDK 21+; no dependencies)
 */
public class ClaimLoad {

    static final int TASKS_PER_COMMUNITY = 40;
    static final int HEADCOUNT = 10;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String url;

    public static void main(String[] args) throws Exception {
        url = args.length > 0 ? args[0] : "http://localhost:18080/graphql";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;

        List<String> communities = ids(post("{ street(id: \"320613001\") { communities(first: 100) { edges { node { id } } } } }"));
        Map<String, List<String>> members = new ConcurrentHashMap<>();
        Map<String, List<String>> tasks = new ConcurrentHashMap<>();
        String start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(3).withNano(0).toString();
        String end = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(3).plusHours(2).withNano(0).toString();
        for (String community : communities) {
            List<String> registered = new ArrayList<>();
            String after = null;
            do {
                String page = post("{ members(filter: {communityId: \"" + community + "\", registrationState: CONFIRMED}, first: 100"
                        + (after == null ? "" : ", after: \"" + after + "\"") + ") { edges { node { id } } pageInfo { hasNextPage endCursor } } }");
                registered.addAll(ids(page));
                after = page.contains("\"hasNextPage\":true") ? match(page, "\"endCursor\":\"([^\"]+)\"") : null;
            } while (after != null);
            members.put(community, registered);
            List<String> created = new ArrayList<>();
            for (int i = 0; i < TASKS_PER_COMMUNITY; i++) {
                created.add(publishedTask(community, "压测任务" + i, HEADCOUNT, start, end));
            }
            tasks.put(community, created);
        }
        int seats = communities.size() * TASKS_PER_COMMUNITY * HEADCOUNT;
        System.out.printf("setup: %d communities, %d members registered, %d tasks, %d seats%n", communities.size(),
                members.values().stream().mapToInt(List::size).sum(), communities.size() * TASKS_PER_COMMUNITY, seats);

        // Phase 1: sustained claiming
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long began = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int seed = t;
                pool.submit(() -> {
                    Random random = new Random(seed);
                    while (System.nanoTime() < deadline) {
                        String community = communities.get(random.nextInt(communities.size()));
                        List<String> own = members.get(community);
                        List<String> open = tasks.get(community);
                        claim(open.get(random.nextInt(open.size())), own.get(random.nextInt(own.size())), outcomes, latencies);
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        long claimed = outcomes.getOrDefault("CLAIMED", new AtomicLong()).get();
        long attempts = outcomes.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("sustained: %d threads for %.1f s: %d attempts (%.1f/s), %d claims (%.1f claims/s); outcomes %s%n",
                threads, elapsed, attempts, attempts / elapsed, claimed, claimed / elapsed, outcomes);
        System.out.println("latency per claim (ms): " + percentiles(latencies));

        // Phase 2: everybody at once on the last seats of a few tasks
        String community = communities.getFirst();
        List<String> contested = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            contested.add(publishedTask(community, "最后名额" + i, 3, start, end));
        }
        Map<String, AtomicLong> rush = new ConcurrentHashMap<>();
        List<String> own = members.get(community);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (String task : contested) {
                for (String member : own.subList(0, Math.min(40, own.size()))) {
                    pool.submit(() -> claim(task, member, rush, Collections.synchronizedList(new ArrayList<>())));
                    pool.submit(() -> claim(task, member, rush, Collections.synchronizedList(new ArrayList<>())));
                }
            }
        }
        System.out.printf("last seats: %d tasks × 3 seats, %d members each claiming twice at once: outcomes %s%n",
                contested.size(), Math.min(40, own.size()), rush);

        // Verification: read every task back
        long overBooked = 0;
        long doubleClaims = 0;
        long checked = 0;
        List<String> all = new ArrayList<>(contested);
        tasks.values().forEach(all::addAll);
        for (String task : all) {
            String answer = post("{ task(id: \"" + task + "\") { headcount claimed claims { member { id } } } }");
            int headcount = Integer.parseInt(match(answer, "\"headcount\":(\\d+)"));
            int taken = Integer.parseInt(match(answer, "\"claimed\":(\\d+)"));
            List<String> holders = ids(answer);
            overBooked += taken > headcount ? 1 : 0;
            doubleClaims += holders.size() - holders.stream().distinct().count();
            checked++;
        }
        System.out.printf("verified %d tasks: %d over-booked, %d duplicate claims%n", checked, overBooked, doubleClaims);
        if (overBooked > 0 || doubleClaims > 0) {
            System.exit(1);
        }
    }

    static void claim(String task, String member, Map<String, AtomicLong> outcomes, List<Long> latencies) {
        long t0 = System.nanoTime();
        String outcome;
        try {
            String answer = post("mutation { claimTask(input: {taskId: \"" + task + "\", memberId: \"" + member + "\"}) { claim { id } } }");
            outcome = answer.contains("\"errors\"") ? match(answer, "\"code\":\"([A-Z_]+)\"") : "CLAIMED";
        } catch (Exception e) {
            outcome = "TRANSPORT_ERROR";
        }
        latencies.add((System.nanoTime() - t0) / 1_000);
        outcomes.computeIfAbsent(outcome == null ? "UNKNOWN" : outcome, k -> new AtomicLong()).incrementAndGet();
    }

    static String publishedTask(String community, String title, int headcount, String start, String end) throws Exception {
        String id = match(post("mutation { createTask(input: {communityId: \"" + community + "\", title: \"" + title
                + "\", kind: MICRO_SERVICE, difficulty: 1, headcount: " + headcount + ", startsAt: \"" + start
                + "\", endsAt: \"" + end + "\", categoryId: \"HELP_THE_NEEDY\"}) { task { id } } }"), "\"id\":\"([^\"]+)\"");
        post("mutation { publishTask(input: {taskId: \"" + id + "\"}) { task { id } } }");
        return id;
    }

    static String percentiles(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "-";
        }
        return "p50 %.1f, p95 %.1f, p99 %.1f, max %.1f".formatted(sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) (sorted.size() * 0.95)) / 1000.0, sorted.get((int) (sorted.size() * 0.99)) / 1000.0,
                sorted.getLast() / 1000.0);
    }

    static String post(String query) throws Exception {
        String body = "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header("authorization", "Bearer " + System.getenv("TONGTONG_TOKEN")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    static List<String> ids(String json) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(json);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
