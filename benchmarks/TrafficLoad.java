import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reliability under load: an OPEN-LOOP mix of a working day's traffic over GraphQL on a running service (the
 * `city` data set). Requests leave at a fixed arrival rate whatever the answers do, and each latency is taken
 * from the request's scheduled send time, so queueing in the service (or in a saturated driver) shows up in
 * the figures instead of silently lowering the rate, as a closed loop of N clients would.
 *
 * The mix (weights per 100 requests; reads 75, writes 20, matching 5), each with the token of the role that
 * does it in real life, scoped like the issuer would (MEMBER with member_id + community_id, …):
 *   reads   25 browseTasks   member: the published tasks of their community
 *           15 myProfile     member: own profile, registration, month's hours, latest claims
 *           10 dashboard     community secretary: the month's figures of the community and its grids
 *           10 listRequests  community secretary: the requests waiting for review
 *            8 gridMembers   grid leader: the members living in the grid, with registration
 *            7 myRequests    resident: their own requests and what became of them
 *   writes  12 claimTask     member: takes a seat (a large fresh task, two 3-seat ones, the data set's open ones);
 *                            TASK_FULL and ALREADY_CLAIMED are expected refusals, counted apart from errors
 *            8 postRequest   resident: a request in their own words (classified before commit)
 *   match    5 recommend     community secretary: recommendMembers for one of the community's open tasks
 *
 * Setup (as city admin) picks COMMUNITIES communities at random (seeded), their confirmed members, grids,
 * residents (from their requests) and open member tasks, creates and publishes three tasks per community,
 * and reads the counts before any traffic. A warm-up phase rising to the rate is reported on its own. Then it
 * verifies, as city admin: no task over its headcount, no member with two active claims on one task, every
 * acknowledged claim and request readable by id, and created = acknowledged for claims and requests.
 * Tokens are minted here (HS256, demo secret, iss tongtongzai, exp), as the `token` command would.
 *
 * Usage: java benchmarks/TrafficLoad.java [graphqlUrl] [rate/s] [seconds] [warmUpSeconds]   (JDK 21+; no dependencies)
 * Environment: COMMUNITIES (40), SEED (1), TONGTONG_JWT_SECRET (the demo secret), ONLY (operations to run, e.g. dashboard,recommend),
 * SERVICE_PID (the service's process on this machine: its CPU per phase is reported).
 */
public class TrafficLoad {

    static final String SECRET = System.getenv().getOrDefault("TONGTONG_JWT_SECRET", "tongtongzai-demo-secret-do-not-use-in-production");
    static final Set<String> EXPECTED_REFUSALS = Set.of("TASK_FULL", "ALREADY_CLAIMED");
    static final int MAX_IN_FLIGHT = 2000; // beyond this the driver, not the service, would be measured
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String[] TEXTS = {"楼道灯坏了好几天，晚上上下楼看不见", "家里水管漏水了，老人一个人在家不会修",
            "腿脚不便，想请人帮忙去医院取药", "独居老人想有人每周上门陪着说说话", "孩子放学后没人辅导作业，想找志愿者",
            "想咨询一下老房子继承的法律问题", "电动车在楼道里充电，担心起火", "书架散架了，想请人帮忙组装一下",
            "小区门口的台阶坏了，轮椅推不上去", "家里电路老是跳闸，不知道哪里的问题"};

    /** One community's people and tasks, as the setup found them. */
    record Community(String id, List<String> members, List<String> grids, List<String> residents, List<String> tasks) {}

    /** A request to send: whose token, the document, its variables; for a write, what to note (ids) and where, when it succeeds. */
    record Call(String token, String query, Map<String, String> variables, Function<String, String[]> acknowledged, Queue<String[]> log) {}

    /** One kind of request in the mix; `make` draws its caller and arguments. */
    record Op(String name, int weight, Function<Random, Call> make) {}

    /** What one phase saw of one operation. */
    static final class Stats {
        final Queue<Long> micros = new ConcurrentLinkedQueue<>();
        final LongAdder ok = new LongAdder(), refused = new LongAdder(), errors = new LongAdder();
        final Map<String, LongAdder> codes = new ConcurrentHashMap<>();
    }

    static String url;
    static String admin;
    static final List<Community> communities = new ArrayList<>();
    static List<Community> withResidents;
    static final Map<String, Integer> claimedBefore = new HashMap<>();   // task → active claims before the traffic
    static final Map<String, Integer> requestsBefore = new HashMap<>();  // community → requests before the traffic
    static final Queue<String[]> ackedClaims = new ConcurrentLinkedQueue<>();   // {claimId, taskId}
    static final Queue<String[]> ackedRequests = new ConcurrentLinkedQueue<>(); // {requestId, communityId}
    static final AtomicInteger inFlight = new AtomicInteger();
    static final Queue<String> samples = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        url = args.length > 0 ? args[0] : "http://localhost:18180/graphql";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 180;
        admin = token("traffic-admin", "CITY_ADMIN", Map.of());
        setup(Integer.parseInt(System.getenv().getOrDefault("COMMUNITIES", "40")), Long.parseLong(System.getenv().getOrDefault("SEED", "1")));
        List<String> only = System.getenv("ONLY") == null ? null : List.of(System.getenv("ONLY").split(","));
        List<Op> mix = mix().stream() // ONLY: one or a few operations alone, e.g. to see what each costs the service
                .filter(op -> only == null || only.contains(op.name()))
                .filter(op -> !withResidents.isEmpty() || !op.name().matches("myRequests|postRequest")).toList();
        if (warmUp > 0) {
            report("warm-up, rising to %d req/s (a fresh JVM compiles what it runs; not counted below)".formatted(rate),
                    run(mix, schedule(rate, warmUp, true), 11), warmUp);
            Thread.sleep(2_000);
        }
        report("measured: %d req/s".formatted(rate), run(mix, schedule(rate, seconds, false), 12), seconds);
        System.exit(verify() ? 0 : 1);
    }

    // ---------------------------------------------------------------- the mix

    static List<Op> mix() {
        String month = "period: MONTH";
        return List.of(
                new Op("browseTasks", 25, r -> { Community c = any(r, communities); String m = any(r, c.members());
                    return call(member(m, c), "query($c: ID!) { tasks(filter: {communityId: $c, state: PUBLISHED}, first: 20) { edges { node {"
                            + " id title kind difficulty startsAt endsAt openSeats skills { name } category { name } } } } }", "c", c.id()); }),
                new Op("myProfile", 15, r -> { Community c = any(r, communities); String m = any(r, c.members());
                    return call(member(m, c), "query($m: ID!) { member(id: $m) { id name phone community { name } registration { state }"
                            + " skills { skill { name } level } serviceHours(" + month + ") { hours records }"
                            + " claims(first: 10) { edges { node { id state task { title startsAt state } } } } } }", "m", m); }),
                new Op("dashboard", 10, r -> { Community c = any(r, communities);
                    return call(secretary(c), "query($c: ID!) { figures(scope: COMMUNITY, id: $c, " + month + ") { name roster registered"
                            + " reportingRate serving serviceRate serviceHours hoursPerMember hoursDistribution { label members } ratings"
                            + " satisfactionRate postsHeld area { requestsReceived requestsResolved medianHoursToResolve tasksByKind { kind count }"
                            + " emergencyTasks membersMobilised servicePosts postsClaimed jointMeetingResolutionRate }"
                            + " children { name roster registered serving serviceHours satisfactionRate } } }", "c", c.id()); }),
                new Op("listRequests", 10, r -> { Community c = any(r, communities);
                    return call(secretary(c), "query($c: ID!) { requests(filter: {communityId: $c, state: SUBMITTED}, first: 20) { edges { node {"
                            + " id text urgency submittedAt category { name } resident { name phone } place { name } } } } }", "c", c.id()); }),
                new Op("gridMembers", 8, r -> { Community c = any(r, communities); String g = any(r, c.grids());
                    return call(token("grid-" + g, "GRID_LEADER", Map.of("grid_id", g, "community_id", c.id())),
                            "query($g: ID!) { members(filter: {gridId: $g}, first: 50) { edges { node { id name phone"
                            + " residence { name } registration { state } } } } }", "g", g); }),
                new Op("myRequests", 7, r -> { Community c = any(r, withResidents); String p = any(r, c.residents());
                    return call(resident(p), "query($p: ID!) { resident(id: $p) { name requests(first: 10) { edges { node {"
                            + " id text state submittedAt task { title state startsAt } } } } } }", "p", p); }),
                new Op("claimTask", 12, r -> { Community c = any(r, communities); String m = any(r, c.members());
                    String t = c.tasks().get(pickTask(r, c.tasks().size()));
                    return new Call(member(m, c), "mutation($t: ID!, $m: ID!) { claimTask(input: {taskId: $t, memberId: $m}) {"
                            + " claim { id state task { id openSeats } } } }", Map.of("t", t, "m", m),
                            body -> new String[] {match(body, "\"claim\":\\{\"id\":\"([^\"]+)\""), t}, ackedClaims); }),
                new Op("postRequest", 8, r -> { Community c = any(r, withResidents); String p = any(r, c.residents());
                    String urgency = List.of("LOW", "NORMAL", "NORMAL", "HIGH", "URGENT").get(r.nextInt(5));
                    return new Call(resident(p), "mutation($p: ID!, $x: String!) { postRequest(input: {residentId: $p, text: $x,"
                            + " urgency: " + urgency + "}) { request { id state community { id } } } }", Map.of("p", p, "x", any(r, List.of(TEXTS))),
                            body -> new String[] {match(body, "\"request\":\\{\"id\":\"([^\"]+)\""), match(body, "\"community\":\\{\"id\":\"([^\"]+)\"")}, ackedRequests); }),
                new Op("recommend", 5, r -> { Community c = any(r, communities); String t = any(r, c.tasks());
                    return call(secretary(c), "query($t: ID!) { recommendMembers(taskId: $t, first: 10) { rank feasible member { id name }"
                            + " score { hard medium soft } reasons { text impact } } }", "t", t); }));
    }

    /** tasks = [large, 3 seats, 3 seats, the data set's …]: half the claims go to the large one, a fifth to the small ones (they fill). */
    static int pickTask(Random r, int size) {
        double x = r.nextDouble();
        return x < 0.5 ? 0 : x < 0.7 || size == 3 ? 1 + r.nextInt(2) : 3 + r.nextInt(size - 3);
    }

    static Call call(String token, String query, String name, String value) {
        return new Call(token, query, Map.of(name, value), null, null);
    }

    // ---------------------------------------------------------------- open-loop scheduling

    /** What one phase saw: per operation, and how long it took from the first scheduled send to the last answer. */
    record Phase(Map<String, Stats> stats, double elapsed, double serviceCpu, double driverCpu) {}

    /**
     * Send times (ns from the start) for `seconds` at `rate`/s, evenly spaced; with `ramp`, second k runs at
     * rate·(k+1)/seconds instead, so that a cold service warms up the way a real one does rather than meeting full
     * traffic with nothing compiled (which leaves a backlog the measured phase would inherit).
     */
    static long[] schedule(int rate, int seconds, boolean ramp) {
        List<Long> at = new ArrayList<>();
        for (int k = 0; k < seconds; k++) {
            int n = ramp ? Math.max(1, rate * (k + 1) / seconds) : rate;
            for (int i = 0; i < n; i++) {
                at.add(k * 1_000_000_000L + i * (1_000_000_000L / n));
            }
        }
        return at.stream().mapToLong(Long::longValue).toArray();
    }

    /** Sends one request at each scheduled time, each on its own virtual thread; waits for the last answer. */
    static Phase run(List<Op> mix, long[] schedule, long seed) {
        Map<String, Stats> stats = new LinkedHashMap<>();
        mix.forEach(op -> stats.put(op.name(), new Stats()));
        int total = mix.stream().mapToInt(Op::weight).sum();
        Random random = new Random(seed);
        long start = System.nanoTime() + 50_000_000L;
        double cpu = serviceCpuSeconds();
        double driverCpu = driverCpuSeconds();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long offset : schedule) {
                long scheduled = start + offset;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int pick = random.nextInt(total);
                Op op = mix.getFirst();
                for (Op candidate : mix) {
                    op = candidate;
                    if ((pick -= candidate.weight()) < 0) {
                        break;
                    }
                }
                Call call = op.make().apply(random); // drawn here, so a seed gives the same sequence of requests
                Stats s = stats.get(op.name());
                threads.submit(() -> send(call, scheduled, s));
            }
        }
        double cpuAfter = serviceCpuSeconds();
        return new Phase(stats, (System.nanoTime() - start) / 1e9, cpu < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpu,
                driverCpuSeconds() - driverCpu);
    }

    static void send(Call call, long scheduled, Stats s) {
        String outcome;
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            outcome = "NOT_SENT_DRIVER_SATURATED";
        } else {
            try {
                // longer than the service's own 30 s request timeout, so that its 408 is what shows
                HttpResponse<String> response = HTTP.send(request(call.token(), body(call.query(), call.variables()), 60), HttpResponse.BodyHandlers.ofString());
                String body = response.body();
                if (response.statusCode() != 200) {
                    outcome = "HTTP_" + response.statusCode();
                } else if (body.contains("\"errors\"")) {
                    String code = match(body, "\"(?:code|classification)\":\"([A-Z_]+)\"");
                    outcome = code == null ? "GRAPHQL_ERROR" : code;
                    if (!EXPECTED_REFUSALS.contains(outcome) && samples.size() < 8) {
                        samples.add(outcome + ": " + body.substring(0, Math.min(300, body.length())));
                    }
                } else {
                    outcome = "OK";
                    if (call.acknowledged() != null) {
                        String[] ack = call.acknowledged().apply(body);
                        if (ack[0] == null) {
                            outcome = "NO_ID_IN_ANSWER";
                        } else {
                            call.log().add(ack);
                        }
                    }
                }
            } catch (java.net.http.HttpTimeoutException e) {
                outcome = "CLIENT_TIMEOUT_60S";
            } catch (Exception e) {
                outcome = "IO_" + e.getClass().getSimpleName();
            }
        }
        inFlight.decrementAndGet();
        s.micros.add((System.nanoTime() - scheduled) / 1_000); // from the scheduled time: queueing included
        (outcome.equals("OK") ? s.ok : EXPECTED_REFUSALS.contains(outcome) ? s.refused : s.errors).increment();
        if (!outcome.equals("OK")) {
            s.codes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        }
    }

    static void report(String phase, Phase result, int seconds) {
        Map<String, Stats> stats = result.stats();
        System.out.printf("%n%s for %d s (open loop; latency from the scheduled send time)%n", phase, seconds);
        System.out.printf("%-13s %7s %7s %8s %7s %9s %9s %9s %9s  %s%n", "operation", "count", "ok", "refused", "errors",
                "p50 ms", "p95 ms", "p99 ms", "max ms", "refusals and errors by code");
        long all = 0, ok = 0, refused = 0, errors = 0;
        List<Long> every = new ArrayList<>();
        for (var e : stats.entrySet()) {
            Stats s = e.getValue();
            List<Long> sorted = new ArrayList<>(s.micros);
            Collections.sort(sorted);
            every.addAll(sorted);
            all += sorted.size();
            ok += s.ok.sum();
            refused += s.refused.sum();
            errors += s.errors.sum();
            Map<String, Long> codes = new TreeMap<>();
            s.codes.forEach((k, v) -> codes.put(k, v.sum()));
            System.out.printf("%-13s %7d %7d %8d %7d %s  %s%n", e.getKey(), sorted.size(), s.ok.sum(), s.refused.sum(), s.errors.sum(),
                    percentiles(sorted), codes.isEmpty() ? "" : codes);
        }
        Collections.sort(every);
        System.out.printf("%-13s %7d %7d %8d %7d %s%n", "all", all, ok, refused, errors, percentiles(every));
        // run() returned after the last answer: the phase lasted its schedule plus the tail of slow answers
        System.out.printf("throughput: %.1f req/s answered (%d in %.1f s, first send to last answer), %.1f req/s without error; errors %d (%.2f %%)%n",
                all / result.elapsed(), all, result.elapsed(), (all - errors) / result.elapsed(), errors, 100.0 * errors / Math.max(1, all));
        if (result.serviceCpu() >= 0) {
            System.out.printf("service CPU: %.1f s in the phase, %.2f cores on average, %.1f ms per request%n", result.serviceCpu(),
                    result.serviceCpu() / result.elapsed(), 1000 * result.serviceCpu() / Math.max(1, all));
        }
        // on the same cores: what the load driver itself takes is not available to the service
        System.out.printf("load driver CPU: %.1f s in the phase, %.2f cores on average%n", result.driverCpu(),
                result.driverCpu() / result.elapsed());
        while (!samples.isEmpty()) {
            System.out.println("  e.g. " + samples.poll());
        }
    }

    /** CPU of this load driver so far. */
    static double driverCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** User + system CPU of the service process (SERVICE_PID, Linux /proc, in USER_HZ = 100 ticks/s); -1 when unknown. */
    static double serviceCpuSeconds() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + System.getenv("SERVICE_PID") + "/stat"))
                    .replaceFirst("^.*\\) ", "").split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime: fields 14 and 15
        } catch (Exception | Error e) {
            return -1;
        }
    }

    static String percentiles(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return "%9s %9s %9s %9s".formatted("-", "-", "-", "-");
        }
        return "%9.1f %9.1f %9.1f %9.1f".formatted(sorted.get(sorted.size() / 2) / 1000.0, sorted.get((int) (sorted.size() * 0.95)) / 1000.0,
                sorted.get((int) (sorted.size() * 0.99)) / 1000.0, sorted.getLast() / 1000.0);
    }

    // ---------------------------------------------------------------- setup and verification (city admin)

    static void setup(int wanted, long seed) throws Exception {
        List<String> all = new ArrayList<>();
        for (String street : ids(admin("{ streets(first: 100) { edges { node { id } } } }"))) {
            all.addAll(ids(admin("{ street(id: \"" + street + "\") { communities(first: 100) { edges { node { id } } } } }"))
                    .stream().filter(id -> !id.equals(street)).toList());
        }
        Collections.shuffle(all, new Random(seed));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        String start = now.plusDays(3).withHour(9).withMinute(0).withSecond(0).withNano(0).toString();
        String end = now.plusDays(3).withHour(11).withMinute(0).withSecond(0).withNano(0).toString();
        for (String id : all.subList(0, Math.min(wanted, all.size()))) {
            List<String> members = new ArrayList<>();
            Set<String> grids = new TreeSet<>();
            for (String page : pages("members(filter: {communityId: \"" + id + "\", registrationState: CONFIRMED}", "id residence { id }")) {
                members.addAll(matches(page, "\"node\":\\{\"id\":\"([^\"]+)\""));
                grids.addAll(matches(page, "\"residence\":\\{\"id\":\"(" + id + "-[^-\"]+)"));
            }
            // residents who live here, found through the requests they posted; the count is the "before" figure
            Set<String> residents = new TreeSet<>();
            int requests = 0;
            for (String page : pages("requests(filter: {communityId: \"" + id + "\"}", "id resident { id residence { id } }")) {
                requests += matches(page, "\"node\":\\{\"id\":\"([^\"]+)\"").size();
                Matcher m = Pattern.compile("\"resident\":\\{\"id\":\"([^\"]+)\",\"residence\":\\{\"id\":\"" + id + "-").matcher(page);
                while (m.find()) {
                    residents.add(m.group(1));
                }
            }
            requestsBefore.put(id, requests);
            if (members.isEmpty()) {
                continue;
            }
            // a large task nobody fills, two 3-seat tasks that run out, then the data set's open member tasks
            List<String> tasks = new ArrayList<>(List.of(publishedTask(id, "社区环境整治志愿活动", "LARGE_ACTIVITY", 300, start, end, "categoryId: \"HELP_THE_NEEDY\""),
                    publishedTask(id, "楼道灯维修", "MICRO_SERVICE", 3, start, end, "skillIds: [\"plumbing_electrical\"]"),
                    publishedTask(id, "独居老人上门探访", "MICRO_SERVICE", 3, start, end, "categoryId: \"HELP_THE_NEEDY\"")));
            tasks.forEach(task -> claimedBefore.put(task, 0));
            String open = admin("{ tasks(filter: {communityId: \"" + id + "\", state: PUBLISHED, audience: MEMBERS}, first: 100) { edges { node { id endsAt claimed } } } }");
            Matcher m = Pattern.compile("\"id\":\"([^\"]+)\",\"endsAt\":\"([^\"]+)\",\"claimed\":(\\d+)").matcher(open);
            while (m.find()) {
                if (OffsetDateTime.parse(m.group(2)).isAfter(now.plusHours(2)) && !tasks.contains(m.group(1))) {
                    tasks.add(m.group(1)); // still open when the run ends
                    claimedBefore.put(m.group(1), Integer.parseInt(m.group(3)));
                }
            }
            communities.add(new Community(id, members, List.copyOf(grids), List.copyOf(residents), tasks));
        }
        withResidents = communities.stream().filter(c -> !c.residents().isEmpty()).toList();
        System.out.printf("setup: %d communities, %d confirmed members, %d grids, %d residents, %d open member tasks (%d created), %d requests before%n",
                communities.size(), communities.stream().mapToInt(c -> c.members().size()).sum(), communities.stream().mapToInt(c -> c.grids().size()).sum(),
                communities.stream().mapToInt(c -> c.residents().size()).sum(), claimedBefore.size(), 3 * communities.size(),
                requestsBefore.values().stream().mapToInt(Integer::intValue).sum());
    }

    static boolean verify() throws Exception {
        System.out.println("\nverification (city admin, after every answer came back):");
        int overBooked = 0, doubled = 0, claimsAfter = 0, claimsBefore = 0;
        Set<String> activeClaims = new HashSet<>();
        List<String> tasks = new ArrayList<>(claimedBefore.keySet());
        for (int i = 0; i < tasks.size(); i += 40) {
            StringBuilder q = new StringBuilder("{");
            for (int j = i; j < Math.min(i + 40, tasks.size()); j++) {
                q.append(" t").append(j).append(": task(id: \"").append(tasks.get(j)).append("\") { id headcount claimed claims { id member { id } } }");
            }
            String answer = admin(q.append(" }").toString());
            for (String task : answer.split("\"t\\d+\":")) {
                String id = match(task, "\"id\":\"([^\"]+)\",\"headcount\"");
                if (id == null) {
                    continue;
                }
                int headcount = Integer.parseInt(match(task, "\"headcount\":(\\d+)"));
                int claimed = Integer.parseInt(match(task, "\"claimed\":(\\d+)")); // the count, in case the list is cut at the headcount
                List<String> holders = matches(task, "\"member\":\\{\"id\":\"([^\"]+)\"");
                activeClaims.addAll(matches(task, "\\{\"id\":\"([^\"]+)\",\"member\""));
                overBooked += claimed > headcount || holders.size() > headcount ? 1 : 0;
                doubled += holders.size() - (int) holders.stream().distinct().count();
                claimsAfter += claimed;
                claimsBefore += claimedBefore.get(id);
            }
        }
        int requestsAfter = 0;
        for (String community : requestsBefore.keySet()) {
            for (String page : pages("requests(filter: {communityId: \"" + community + "\"}", "id")) {
                requestsAfter += matches(page, "\"node\":\\{\"id\":\"([^\"]+)\"").size();
            }
        }
        int requestsBeforeAll = requestsBefore.values().stream().mapToInt(Integer::intValue).sum();
        long strays = ackedRequests.stream().filter(a -> !requestsBefore.containsKey(a[1])).count();
        int claimsMissing = (int) ackedClaims.stream().filter(a -> !activeClaims.contains(a[0])).count();
        int claimsUnreadable = unreadable("claim", ackedClaims.stream().map(a -> a[0]).toList());
        int requestsUnreadable = unreadable("request", ackedRequests.stream().map(a -> a[0]).toList());
        boolean pass = true;
        pass &= check(overBooked == 0, "%d tasks checked, %d over their headcount", tasks.size(), overBooked);
        pass &= check(doubled == 0, "%d members holding two active claims on one task", doubled);
        pass &= check(claimsUnreadable == 0 && claimsMissing == 0, "%d acknowledged claims: %d not readable by id, %d not among their task's active claims",
                ackedClaims.size(), claimsUnreadable, claimsMissing);
        pass &= check(claimsAfter - claimsBefore == ackedClaims.size(), "claims created on those tasks: %d (%d before, %d after) = %d acknowledged",
                claimsAfter - claimsBefore, claimsBefore, claimsAfter, ackedClaims.size());
        pass &= check(requestsUnreadable == 0, "%d acknowledged requests: %d not readable by id", ackedRequests.size(), requestsUnreadable);
        pass &= check(requestsAfter - requestsBeforeAll == ackedRequests.size() && strays == 0,
                "requests created in the %d communities: %d (%d before, %d after) = %d acknowledged (%d landed in another community)",
                requestsBefore.size(), requestsAfter - requestsBeforeAll, requestsBeforeAll, requestsAfter, ackedRequests.size(), strays);
        return pass;
    }

    static boolean check(boolean ok, String format, Object... args) {
        System.out.println((ok ? "PASS " : "FAIL ") + format.formatted(args));
        return ok;
    }

    /** How many of these ids a by-id query answers with null (40 aliases per request). */
    static int unreadable(String field, List<String> ids) throws Exception {
        int found = 0;
        for (int i = 0; i < ids.size(); i += 40) {
            StringBuilder q = new StringBuilder("{");
            for (int j = i; j < Math.min(i + 40, ids.size()); j++) {
                q.append(" a").append(j).append(": ").append(field).append("(id: \"").append(ids.get(j)).append("\") { id }");
            }
            found += matches(admin(q.append(" }").toString()), "\\{\"id\":\"([^\"]+)\"\\}").size();
        }
        return ids.size() - found;
    }

    static String publishedTask(String community, String title, String kind, int headcount, String start, String end, String what) throws Exception {
        String id = match(admin("mutation { createTask(input: {communityId: \"" + community + "\", title: \"" + title + "\", kind: " + kind
                + ", difficulty: 1, headcount: " + headcount + ", startsAt: \"" + start + "\", endsAt: \"" + end + "\", " + what + "}) { task { id } } }"),
                "\"id\":\"([^\"]+)\"");
        if (id == null || !admin("mutation { publishTask(input: {taskId: \"" + id + "\"}) { task { state } } }").contains("PUBLISHED")) {
            throw new IllegalStateException("cannot create and publish a task in " + community);
        }
        return id;
    }

    /** Every page of a top-level connection, e.g. pages("members(filter: {…}", "id"). */
    static List<String> pages(String head, String fields) throws Exception {
        List<String> pages = new ArrayList<>();
        String after = null;
        do {
            String page = admin("{ " + head + ", first: 100" + (after == null ? "" : ", after: \"" + after + "\"")
                    + ") { edges { node { " + fields + " } } pageInfo { hasNextPage endCursor } } }");
            pages.add(page);
            after = page.contains("\"hasNextPage\":true") ? match(page, "\"endCursor\":\"([^\"]+)\"") : null;
        } while (after != null);
        return pages;
    }

    // ---------------------------------------------------------------- tokens, HTTP, JSON by hand

    static String member(String id, Community c) {
        return token(id, "MEMBER", Map.of("member_id", id, "community_id", c.id()));
    }

    static String secretary(Community c) {
        return token("secretary-" + c.id(), "COMMUNITY_SECRETARY", Map.of("community_id", c.id()));
    }

    static String resident(String id) {
        return token(id, "RESIDENT", Map.of("resident_id", id));
    }

    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /** An HS256 JWT as the city's issuer signs it: sub, roles, the scope ids, iss and a 12-hour exp (cached per user). */
    static String token(String subject, String role, Map<String, String> scope) {
        return TOKENS.computeIfAbsent(subject + "/" + role + scope, k -> {
            long now = System.currentTimeMillis() / 1000;
            StringBuilder claims = new StringBuilder("{\"sub\":" + json(subject) + ",\"roles\":[" + json(role) + "],\"iss\":\"tongtongzai\",\"iat\":"
                    + now + ",\"exp\":" + (now + 12 * 3600));
            scope.forEach((name, value) -> claims.append(",").append(json(name)).append(":").append(json(value)));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String unsigned = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(claims.append("}").toString().getBytes(StandardCharsets.UTF_8));
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return unsigned + "." + b64.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static String admin(String query) throws Exception {
        HttpResponse<String> response = HTTP.send(request(admin, body(query, Map.of()), 120), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new IllegalStateException("setup/verification query failed: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static HttpRequest request(String token, String body, int timeoutSeconds) {
        return HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json").header("authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(timeoutSeconds)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static String body(String query, Map<String, String> variables) {
        StringBuilder vars = new StringBuilder();
        variables.forEach((k, v) -> vars.append(vars.isEmpty() ? "" : ",").append(json(k)).append(":").append(json(v)));
        return "{\"query\":" + json(query) + ",\"variables\":{" + vars + "}}";
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? "\\u%04x".formatted((int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    static <T> T any(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    static List<String> ids(String json) {
        return matches(json, "\"id\":\"([^\"]+)\"");
    }

    static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
