import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Crash test driver, used by benchmarks/crash-recovery.sh. Two modes, over GraphQL only (no dependencies):
 *
 * <pre>
 *   java benchmarks/CrashWrites.java load   URL JOURNAL ROUND [THREADS] [MAX_SECONDS]
 *   java benchmarks/CrashWrites.java verify URL ROUND JOURNAL...
 * </pre>
 *
 * load: THREADS writers run "stories" on the demo data until the service stops answering (it is killed with
 * SIGKILL) — a resident's request accepted into a task, published, claimed, checked in and out, completed and
 * rated; a task published and claimed one seat beyond its headcount; a new member created, registered,
 * confirmed and updated. Every write the service ACKNOWLEDGED (an answer with data and no errors) is appended
 * to JOURNAL as one tab-separated line and flushed at once; a write that got no answer is journaled as
 * INFLIGHT: it may or may not have committed. Each thread owns everything its stories create, and a thread
 * stops at its first unanswered write, so an in-flight write is always the last step on its entities — that
 * is what lets the verifier say exactly which states are allowed.
 *
 * verify: after the restart, reads every journaled write back (every round so far: a later crash must not
 * lose an earlier round's writes either), resolves the in-flight ones (present or absent), and checks the
 * graph for half-written structures: every task's claims within its headcount and each with its member and
 * task, every published task with its verification code, every request with its resident, place and
 * community (and its task once accepted), registrations reported back, occupations with their skills, and an
 * audit entry for every acknowledged write. Exits 1 on any missing write or failed check.
 */
public class CrashWrites {

    static final String STREET = "320613001";
    static final ZoneOffset NANTONG = ZoneOffset.ofHours(8);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String url;

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || !(args[0].equals("load") || args[0].equals("verify"))) {
            System.err.println("usage: java CrashWrites.java load URL JOURNAL ROUND [THREADS] [MAX_SECONDS]\n"
                    + "       java CrashWrites.java verify URL ROUND JOURNAL...");
            System.exit(2);
        }
        url = args[1];
        if (args[0].equals("load")) {
            new Load(Path.of(args[2]), Integer.parseInt(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 8,
                    args.length > 5 ? Integer.parseInt(args[5]) : 120).run();
        } else {
            Gql.timeout = Duration.ofSeconds(120);
            List<Path> journals = new ArrayList<>();
            for (int i = 3; i < args.length; i++) {
                journals.add(Path.of(args[i]));
            }
            System.exit(new Verify(Integer.parseInt(args[2]), journals).run() ? 0 : 1);
        }
    }

    // ------------------------------------------------------------------------------------------------ load

    /** The service stopped answering: the write was journaled as in flight (or never sent); this thread ends. */
    static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    /** The service refused the write (an error code): nothing to journal; the story is abandoned. */
    static final class Refused extends RuntimeException {
        Refused(String code) {
            super(code, null, false, false);
        }
    }

    static final class Load {
        final Path journalPath;
        final int round;
        final int threads;
        final int maxSeconds;
        BufferedWriter journal;
        final Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> inFlight = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
        final AtomicLong notSent = new AtomicLong();
        final Map<String, List<Long>> latencies = new ConcurrentHashMap<>(); // op → milliseconds of acknowledged writes
        // demo data, read once before the load starts
        List<String> communities;
        final Map<String, List<String>> confirmedMembers = new HashMap<>();
        final Map<String, List<String>> residences = new HashMap<>();
        List<String> units;

        Load(Path journalPath, int round, int threads, int maxSeconds) {
            this.journalPath = journalPath;
            this.round = round;
            this.threads = threads;
            this.maxSeconds = maxSeconds;
        }

        void run() throws Exception {
            setUp();
            journal = Files.newBufferedWriter(journalPath, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
            long began = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    pool.submit(() -> writer(thread, deadline));
                }
            }
            journal.close();
            long acks = acknowledged.values().stream().mapToLong(AtomicLong::get).sum();
            long flying = inFlight.values().stream().mapToLong(AtomicLong::get).sum();
            System.out.printf("load: %d threads for %.1f s: %d writes acknowledged %s; %d in flight %s; refused %s; "
                    + "%d not sent (connection refused)%n", threads, (System.nanoTime() - began) / 1e9, acks,
                    new TreeMap<>(acknowledged), flying, new TreeMap<>(inFlight), new TreeMap<>(refused), notSent.get());
            System.out.println("load: latency of acknowledged writes, ms (p50/max): " + new TreeMap<>(latencies).entrySet().stream()
                    .map(e -> {
                        List<Long> sorted = new ArrayList<>(e.getValue());
                        Collections.sort(sorted);
                        return e.getKey() + " " + sorted.get(sorted.size() / 2) + "/" + sorted.getLast();
                    }).toList());
        }

        void setUp() throws Exception {
            communities = ids(Gql.data("{ street(id: \"" + STREET + "\") { communities(first: 100) { edges { node { id } } } } }"),
                    "street", "communities");
            for (String community : communities) {
                List<String> members = new ArrayList<>();
                Set<String> buildings = new HashSet<>();
                String after = null;
                do {
                    Map<String, Object> page = Gql.data("{ members(filter: {communityId: \"" + community
                            + "\", registrationState: CONFIRMED}, first: 100" + (after == null ? "" : ", after: \"" + after + "\"")
                            + ") { edges { node { id community { id } residence { id } } } pageInfo { hasNextPage endCursor } } }");
                    for (Object node : nodes(page, "members")) {
                        members.add(Json.str(node, "id"));
                        // a building of this very community: registerMember refuses one of another community
                        if (community.equals(Json.str(node, "community", "id"))) {
                            buildings.add(Json.str(node, "residence", "id"));
                        }
                    }
                    after = Boolean.TRUE.equals(Json.at(page, "members", "pageInfo", "hasNextPage"))
                            ? Json.str(page, "members", "pageInfo", "endCursor") : null;
                } while (after != null);
                confirmedMembers.put(community, members);
                residences.put(community, new ArrayList<>(buildings));
            }
            units = ids(Gql.data("{ units(first: 100) { edges { node { id } } } }"), "units");
            System.out.printf("load: round %d, %d communities, %d confirmed members, %d units%n", round, communities.size(),
                    confirmedMembers.values().stream().mapToInt(List::size).sum(), units.size());
        }

        void writer(int thread, long deadline) {
            Random random = new Random(round * 1000L + thread);
            int[] seq = {0};
            try {
                while (System.nanoTime() < deadline) {
                    int story = random.nextInt(100);
                    try {
                        if (story < 40) {
                            serviceStory(thread, ++seq[0], random);
                        } else if (story < 65) {
                            taskStory(thread, ++seq[0], random);
                        } else {
                            memberStory(thread, ++seq[0], random);
                        }
                    } catch (Refused abandoned) {
                        // an unexpected refusal: counted by write(); the next story starts afresh
                    }
                }
            } catch (Stop stopped) {
                // the service is gone
            } catch (RuntimeException bug) {
                bug.printStackTrace();
            }
        }

        String tag(int thread, int seq) {
            return "r" + round + "t" + thread + "s" + seq;
        }

        /** 点单 → 下单 → 接单 → 服务 → 评单: one resident's request through the whole flow. */
        void serviceStory(int thread, int seq, Random random) {
            String resident = "R%06d".formatted(1 + random.nextInt(500));
            String text = "崩溃测试 " + tag(thread, seq) + " 楼道灯坏了好几天，晚上看不见，请帮忙修一下";
            String urgency = List.of("LOW", "NORMAL", "HIGH", "URGENT").get(random.nextInt(4));
            Object request = write("postRequest", Map.of("resident", resident, "text", text, "urgency", urgency),
                    "mutation { postRequest(input: {residentId: \"" + resident + "\", text: \"" + text + "\", urgency: " + urgency
                            + "}) { request { id resident { id } community { id } place { id } } } }",
                    data -> Map.of("request", Json.str(data, "postRequest", "request", "id"), "resident", resident,
                            "community", Json.str(data, "postRequest", "request", "community", "id"),
                            "place", Json.str(data, "postRequest", "request", "place", "id"), "text", text, "urgency", urgency));
            String requestId = Json.str(request, "postRequest", "request", "id");
            String community = Json.str(request, "postRequest", "request", "community", "id");
            List<String> members = confirmedMembers.get(community);
            int headcount = 1 + random.nextInt(3);
            if (members == null || members.size() < headcount) {
                return;
            }
            String title = "崩溃测试任务 " + tag(thread, seq);
            Object accepted = write("acceptRequest", Map.of("request", requestId, "title", title),
                    "mutation { acceptRequest(input: {requestId: \"" + requestId + "\", newTask: {title: \"" + title
                            + "\", kind: MICRO_SERVICE, difficulty: 1, headcount: " + headcount + ", startsAt: \"" + startsAt()
                            + "\", endsAt: \"" + endsAt() + "\", categoryId: \"HELP_THE_NEEDY\"}}) { request { id task { id } } } }",
                    data -> Map.of("request", requestId, "task", Json.str(data, "acceptRequest", "request", "task", "id"),
                            "title", title, "community", community, "headcount", String.valueOf(headcount)));
            String task = Json.str(accepted, "acceptRequest", "request", "task", "id");
            String code = publish(task);
            List<String> claims = new ArrayList<>();
            for (String member : pick(members, headcount, random)) {
                claims.add(claim(task, member));
            }
            for (String claim : claims) {
                write("checkIn", Map.of("claim", claim),
                        "mutation { checkIn(input: {claimId: \"" + claim + "\", verificationCode: \"" + code + "\"}) { record { id } } }",
                        data -> Map.of("record", Json.str(data, "checkIn", "record", "id"), "claim", claim));
            }
            for (String claim : claims) {
                write("checkOut", Map.of("claim", claim),
                        "mutation { checkOut(input: {claimId: \"" + claim + "\", verificationCode: \"" + code + "\"}) { record { id } } }",
                        data -> Map.of("record", Json.str(data, "checkOut", "record", "id"), "claim", claim));
            }
            // completing resolves the request in the same transaction
            write("completeTask", Map.of("task", task, "request", requestId),
                    "mutation { completeTask(input: {taskId: \"" + task + "\"}) { task { id } } }",
                    data -> Map.of("task", task, "request", requestId));
            for (String claim : claims) {
                String score = String.valueOf(1 + random.nextInt(5));
                write("rateClaim", Map.of("claim", claim, "score", score),
                        "mutation { rateClaim(input: {claimId: \"" + claim + "\", raterRole: COMMUNITY, raterId: \"" + community
                                + "\", score: " + score + "}) { evaluation { id } } }",
                        data -> Map.of("evaluation", Json.str(data, "rateClaim", "evaluation", "id"), "claim", claim, "score", score));
            }
        }

        /** 下单 → 接单 with one claim more than the headcount: the last one must be refused (TASK_FULL). */
        void taskStory(int thread, int seq, Random random) {
            String community = communities.get(random.nextInt(communities.size()));
            List<String> members = confirmedMembers.get(community);
            int headcount = 2 + random.nextInt(4);
            String title = "崩溃测试任务 " + tag(thread, seq);
            Object created = write("createTask", Map.of("community", community, "title", title),
                    "mutation { createTask(input: {communityId: \"" + community + "\", title: \"" + title
                            + "\", kind: PROJECT, difficulty: 2, headcount: " + headcount + ", startsAt: \"" + startsAt()
                            + "\", endsAt: \"" + endsAt() + "\", categoryId: \"HELP_THE_NEEDY\"}) { task { id } } }",
                    data -> Map.of("task", Json.str(data, "createTask", "task", "id"), "title", title, "community", community,
                            "headcount", String.valueOf(headcount)));
            String task = Json.str(created, "createTask", "task", "id");
            publish(task);
            List<String> claimants = pick(members, Math.min(members.size(), headcount + 1), random);
            for (int i = 0; i < claimants.size(); i++) {
                try {
                    claim(task, claimants.get(i));
                } catch (Refused full) {
                    if (i < headcount || !"TASK_FULL".equals(full.getMessage())) {
                        throw full;
                    }
                }
            }
        }

        /** 双报到: a new member registers with the community they live in, is confirmed, then edits the profile. */
        void memberStory(int thread, int seq, Random random) {
            String community = communities.get(random.nextInt(communities.size()));
            List<String> buildings = residences.get(community);
            String residence = buildings.get(random.nextInt(buildings.size()));
            String unit = units.get(random.nextInt(units.size()));
            // names allow only Han characters and letters: the tag's digits become letters
            String name = "崩测" + tag(thread, seq).chars().mapToObj(c -> Character.isDigit(c)
                    ? String.valueOf((char) ('a' + c - '0')) : String.valueOf((char) Character.toUpperCase(c)))
                    .reduce("", String::concat);
            String phone = "15%d%02d%06d".formatted(round % 10, thread % 100, seq % 1_000_000);
            String masked = phone.substring(0, 3) + "****" + phone.substring(7); // how a city administrator sees it
            Object created = write("createMember", Map.of("name", name, "unit", unit),
                    "mutation { createMember(input: {name: \"" + name + "\", gender: " + (seq % 2 == 0 ? "MALE" : "FEMALE")
                            + ", birthYear: " + (1960 + random.nextInt(40)) + ", phone: \"" + phone + "\", unitId: \"" + unit
                            + "\", residenceId: \"" + residence + "\"}) { member { id } } }",
                    data -> Map.of("member", Json.str(data, "createMember", "member", "id"), "name", name, "phone", masked,
                            "unit", unit, "residence", residence));
            String member = Json.str(created, "createMember", "member", "id");
            Object registered = write("registerMember", Map.of("member", member),
                    "mutation { registerMember(input: {memberId: \"" + member + "\", communityId: \"" + community
                            + "\", residenceId: \"" + residence + "\", channel: ONLINE}) { registration { id } } }",
                    data -> Map.of("registration", Json.str(data, "registerMember", "registration", "id"), "member", member,
                            "community", community, "residence", residence));
            String registration = Json.str(registered, "registerMember", "registration", "id");
            write("confirmRegistration", Map.of("registration", registration),
                    "mutation { confirmRegistration(input: {registrationId: \"" + registration + "\"}) { registration { id } } }",
                    data -> Map.of("registration", registration, "member", member));
            for (int edit = 1; edit <= 2; edit++) {
                String interests = "兴趣" + tag(thread, seq) + "e" + edit;
                // an occupation the knowledge graph knows: its skills are written in the same transaction
                String occupation = edit == 1 ? "电工" : "律师";
                Map<String, String> fields = Map.of("member", member, "interests", interests, "occupation", occupation);
                write("updateMember", fields, "mutation { updateMember(input: {id: \"" + member + "\", interests: [\""
                        + interests + "\"], occupation: \"" + occupation + "\"}) { member { id } } }", data -> fields);
            }
        }

        String publish(String task) {
            Object published = write("publishTask", Map.of("task", task),
                    "mutation { publishTask(input: {taskId: \"" + task + "\"}) { task { id verificationCode } } }",
                    data -> Map.of("task", task, "code", Json.str(data, "publishTask", "task", "verificationCode")));
            return Json.str(published, "publishTask", "task", "verificationCode");
        }

        String claim(String task, String member) {
            Object claimed = write("claimTask", Map.of("task", task, "member", member),
                    "mutation { claimTask(input: {taskId: \"" + task + "\", memberId: \"" + member + "\"}) { claim { id } } }",
                    data -> Map.of("claim", Json.str(data, "claimTask", "claim", "id"), "task", task, "member", member));
            return Json.str(claimed, "claimTask", "claim", "id");
        }

        /**
         * Sends one mutation. Acknowledged (data, no errors): journals ACK with the fields the answer confirmed.
         * No answer (the connection broke): journals INFLIGHT with what was sent and stops this thread. No answer
         * within 30 s, or an answer that does not say whether anything was written (INTERNAL_ERROR, HTTP 5xx or
         * 408), is journaled as in flight too, and only the story is abandoned. A refused connection sent nothing.
         */
        Object write(String op, Map<String, String> sent, String mutation, Function<Object, Map<String, String>> acked) {
            HttpResponse<String> response;
            long sentAt = System.nanoTime();
            try {
                response = Gql.send(mutation);
            } catch (HttpConnectTimeoutException e) {
                notSent.incrementAndGet(); // never reached the service
                throw new Stop();
            } catch (HttpTimeoutException e) {
                // the service is alive but slow (a busy machine): the write may still commit; this story is abandoned,
                // so nothing later depends on it, and the thread goes on with a new one
                journal("INFLIGHT", op, sent);
                inFlight.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
                refused.computeIfAbsent(op + ":TIMEOUT", k -> new AtomicLong()).incrementAndGet();
                throw new Refused("TIMEOUT");
            } catch (IOException e) {
                if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
                    notSent.incrementAndGet(); // never reached the service: nothing can have been written
                } else {
                    journal("INFLIGHT", op, sent);
                    inFlight.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
                }
                throw new Stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stop();
            }
            Object answer = response.statusCode() == 200 ? Json.parse(response.body()) : null;
            Object errors = answer == null ? null : Json.at(answer, "errors");
            Object data = answer == null ? null : Json.at(answer, "data");
            if (answer == null || errors != null || data == null) {
                String code = answer == null ? "HTTP_" + response.statusCode() : String.valueOf(Json.at(errors, 0, "extensions", "code"));
                if (answer == null || code.equals("INTERNAL_ERROR") || code.equals("null")) {
                    journal("INFLIGHT", op, sent);
                    inFlight.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
                }
                refused.computeIfAbsent(op + ":" + code, k -> new AtomicLong()).incrementAndGet();
                throw new Refused(code);
            }
            journal("ACK", op, acked.apply(data));
            acknowledged.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
            latencies.computeIfAbsent(op, k -> Collections.synchronizedList(new ArrayList<>())).add((System.nanoTime() - sentAt) / 1_000_000);
            return data;
        }

        /** One line per write, flushed at once: the driver keeps running when the service dies, but nothing waits in a buffer. */
        synchronized void journal(String status, String op, Map<String, String> fields) {
            StringBuilder line = new StringBuilder(status).append('\t').append(op);
            new TreeMap<>(fields).forEach((k, v) -> line.append('\t').append(k).append('=').append(v));
            try {
                journal.write(line.append('\n').toString());
                journal.flush();
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the journal", e);
            }
        }

        static String startsAt() {
            // check-in opens an hour before the start, so every story can check in right away
            return OffsetDateTime.now(NANTONG).plusMinutes(30).truncatedTo(ChronoUnit.MINUTES).toString();
        }

        static String endsAt() {
            return OffsetDateTime.now(NANTONG).plusHours(3).truncatedTo(ChronoUnit.MINUTES).toString();
        }

        static List<String> pick(List<String> from, int n, Random random) {
            List<String> copy = new ArrayList<>(from);
            Collections.shuffle(copy, random);
            return copy.subList(0, n);
        }
    }

    // ---------------------------------------------------------------------------------------------- verify

    /** One journal line. */
    record Line(int round, boolean acked, String op, Map<String, String> f) {
        String get(String key) {
            return f.get(key);
        }
    }

    /** What the journal says an entity may look like now: the state after its last acknowledged write, or after its in-flight one. */
    static final class Expect {
        final Set<String> states = new HashSet<>();

        void ack(String state) {
            states.clear();
            states.add(state);
        }

        void maybe(String state) {
            states.add(state);
        }
    }

    static final class Verify {
        final int round;
        final List<Line> lines = new ArrayList<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        // allowed states, from the journal
        final Map<String, Expect> requestStates = new HashMap<>();
        final Map<String, Expect> taskStates = new HashMap<>();
        final Map<String, Expect> registrationStates = new HashMap<>();
        final Map<String, Expect> memberProfiles = new HashMap<>();
        final Map<String, Set<String>> claimsAllowed = new HashMap<>(); // task → members whose claim is acked or in flight
        final Map<String, Integer> recordsAllowed = new HashMap<>();   // claim → check-ins acked or in flight
        final Map<String, Integer> ratingsAllowed = new HashMap<>();   // claim → ratings acked or in flight
        // what the service says now
        final Map<String, Object> requests = new ConcurrentHashMap<>();
        final Map<String, Object> tasks = new ConcurrentHashMap<>();
        final Map<String, Object> claims = new ConcurrentHashMap<>();
        final Map<String, Object> members = new ConcurrentHashMap<>();
        final Map<String, Object> registrations = new ConcurrentHashMap<>();
        final Map<String, Object> allTasks = new ConcurrentHashMap<>();     // every task of the street, demo ones too
        final Map<String, Object> allRequests = new ConcurrentHashMap<>();  // every request of the street

        Verify(int round, List<Path> journals) throws IOException {
            this.round = round;
            for (Path journal : journals) {
                int r = Integer.parseInt(journal.getFileName().toString().replaceAll("\\D+", " ").trim().split(" ")[0]);
                if (!Files.exists(journal)) {
                    continue;
                }
                for (String text : Files.readAllLines(journal)) {
                    String[] parts = text.split("\t");
                    if (parts.length < 2) {
                        failures.add("journal " + journal + ": malformed line: " + text);
                        continue;
                    }
                    Map<String, String> fields = new HashMap<>();
                    for (int i = 2; i < parts.length; i++) {
                        int eq = parts[i].indexOf('=');
                        fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
                    }
                    lines.add(new Line(r, parts[0].equals("ACK"), parts[1], fields));
                }
            }
        }

        boolean run() throws Exception {
            long began = System.nanoTime();
            replay();
            fetch();
            Map<String, int[]> perOp = new TreeMap<>(); // op → acked, present
            int acked = 0, present = 0, ackedNow = 0, presentNow = 0;
            List<String> missing = new ArrayList<>();
            for (Line line : lines) {
                if (!line.acked()) {
                    continue;
                }
                String problem = checkAcknowledged(line);
                int[] counts = perOp.computeIfAbsent(line.op(), k -> new int[2]);
                counts[0]++;
                acked++;
                ackedNow += line.round() == round ? 1 : 0;
                if (problem == null) {
                    counts[1]++;
                    present++;
                    presentNow += line.round() == round ? 1 : 0;
                } else {
                    missing.add("round " + line.round() + " " + line.op() + " " + line.f() + ": " + problem);
                }
            }
            int flightPresent = 0, flightAbsent = 0, flightPresentNow = 0, flightAbsentNow = 0;
            Map<String, String> flightDetail = new TreeMap<>();
            for (Line line : lines) {
                if (line.acked()) {
                    continue;
                }
                boolean there = inFlightPresent(line);
                if (line.round() == round) {
                    flightDetail.merge(line.op(), there ? "present" : "absent", (a, b) -> a + "," + b);
                    if (there) flightPresentNow++; else flightAbsentNow++;
                }
                if (there) flightPresent++; else flightAbsent++;
            }
            List<String> structure = structuralChecks();
            String audit = auditCheck(structure);

            System.out.printf("verify round %d: writes acknowledged this round %d, verified present %d, missing %d%n",
                    round, ackedNow, presentNow, ackedNow - presentNow);
            System.out.printf("verify round %d: all rounds so far: acknowledged %d, present %d, missing %d; per kind %s%n", round,
                    acked, present, acked - present, perOp.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()[1] + "/" + e.getValue()[0]).toList());
            System.out.printf("verify round %d: in flight at the kill %d: %d present, %d absent %s (all rounds: %d present, %d absent)%n",
                    round, flightPresentNow + flightAbsentNow, flightPresentNow, flightAbsentNow, flightDetail, flightPresent, flightAbsent);
            System.out.printf("verify round %d: %s%n", round, audit);
            System.out.printf("verify round %d: structural checks %s (%d tasks, %d requests of the street; %d journaled claims, "
                    + "%d members, %d registrations)%n", round, structure.isEmpty() && failures.isEmpty() ? "PASS" : "FAIL",
                    allTasks.size(), allRequests.size(), claims.size(), members.size(), registrations.size());
            missing.stream().limit(20).forEach(m -> System.out.println("  MISSING " + m));
            structure.stream().limit(20).forEach(m -> System.out.println("  HALF-WRITTEN " + m));
            failures.stream().limit(20).forEach(m -> System.out.println("  ERROR " + m));
            System.out.printf("verify round %d: took %.1f s%n", round, (System.nanoTime() - began) / 1e9);
            return missing.isEmpty() && structure.isEmpty() && failures.isEmpty();
        }

        /** Replays the journal into the states each entity may be in now. */
        void replay() {
            for (Line l : lines) {
                boolean a = l.acked();
                switch (l.op()) {
                    case "postRequest" -> {
                        if (a) requestStates.computeIfAbsent(l.get("request"), k -> new Expect()).ack("SUBMITTED");
                    }
                    case "acceptRequest" -> {
                        Expect e = requestStates.get(l.get("request"));
                        if (a) {
                            e.ack("ACCEPTED");
                            taskStates.computeIfAbsent(l.get("task"), k -> new Expect()).ack("DRAFT");
                        } else {
                            e.maybe("ACCEPTED");
                        }
                    }
                    case "createTask" -> {
                        if (a) taskStates.computeIfAbsent(l.get("task"), k -> new Expect()).ack("DRAFT");
                    }
                    case "publishTask" -> state(taskStates, l.get("task"), a, "PUBLISHED");
                    case "claimTask" -> claimsAllowed.computeIfAbsent(l.get("task"), k -> new HashSet<>()).add(l.get("member"));
                    case "checkIn" -> {
                        recordsAllowed.merge(l.get("claim"), 1, Integer::sum);
                        state(taskStates, taskOfClaim(l.get("claim")), a, "IN_PROGRESS");
                    }
                    case "completeTask" -> {
                        state(taskStates, l.get("task"), a, "COMPLETED");
                        state(requestStates, l.get("request"), a, "RESOLVED");
                    }
                    case "rateClaim" -> ratingsAllowed.merge(l.get("claim"), 1, Integer::sum);
                    case "createMember" -> {
                        if (a) memberProfiles.computeIfAbsent(l.get("member"), k -> new Expect()).ack("|");
                    }
                    case "updateMember" -> state(memberProfiles, l.get("member"), a, l.get("interests") + "|" + l.get("occupation"));
                    case "registerMember" -> {
                        if (a) registrationStates.computeIfAbsent(l.get("registration"), k -> new Expect()).ack("PENDING");
                    }
                    case "confirmRegistration" -> state(registrationStates, l.get("registration"), a, "CONFIRMED");
                    case "checkOut" -> { /* checked on the record itself */ }
                    default -> failures.add("journal: unknown write " + l.op());
                }
            }
        }

        void state(Map<String, Expect> expectations, String id, boolean acked, String state) {
            Expect e = expectations.get(id);
            if (e == null) {
                failures.add("journal: a write on " + id + " before the write that created it");
            } else if (acked) {
                e.ack(state);
            } else {
                e.maybe(state);
            }
        }

        String taskOfClaim(String claim) {
            for (Line l : lines) {
                if (l.acked() && l.op().equals("claimTask") && claim.equals(l.get("claim"))) {
                    return l.get("task");
                }
            }
            return null;
        }

        // ---- reading the service

        static final String REQUEST = "id text urgency state resident { id } community { id } place { id } task { id state title community { id } } duplicateOf { id } "
                + "history { action to }";
        static final String TASK = "id title state headcount claimed verificationCode publishedAt community { id } requests { id } "
                + "history { action to } "
                + "claims { id state member { id } task { id } }";
        static final String CLAIM = "id state source task { id } member { id } "
                + "serviceRecords { id checkOutAt hours member { id } claim { id } } evaluations { id score raterRole }";
        static final String MEMBER = "id name phone unit { id } residence { id } interests occupation recognisedOccupation { id } "
                + "skills { skill { id } source } registration { id state }";
        static final String REGISTRATION = "id state decidedAt member { id registration { id } } community { id } residence { id } reportedTo { id }";

        void fetch() throws Exception {
            Set<String> requestIds = new HashSet<>(), taskIds = new HashSet<>(), claimIds = new HashSet<>(),
                    memberIds = new HashSet<>(), registrationIds = new HashSet<>();
            for (Line l : lines) {
                if (l.acked()) {
                    addIfPresent(requestIds, l.get("request"));
                    addIfPresent(taskIds, l.get("task"));
                    addIfPresent(claimIds, l.get("claim"));
                    addIfPresent(memberIds, l.op().equals("claimTask") ? null : l.get("member"));
                    addIfPresent(registrationIds, l.get("registration"));
                } else if (l.op().equals("registerMember") || l.op().equals("updateMember")) {
                    addIfPresent(memberIds, l.get("member"));
                }
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                List<Future<?>> work = new ArrayList<>();
                work.addAll(byId(pool, "request", REQUEST, requestIds, requests));
                work.addAll(byId(pool, "task", TASK, taskIds, tasks));
                work.addAll(byId(pool, "claim", CLAIM, claimIds, claims));
                work.addAll(byId(pool, "member", MEMBER, memberIds, members));
                work.addAll(byId(pool, "registration", REGISTRATION, registrationIds, registrations));
                List<String> communities = ids(Gql.data("{ street(id: \"" + STREET + "\") { communities(first: 100) { edges { node { id } } } } }"),
                        "street", "communities");
                for (String community : communities) {
                    work.add(pool.submit(() -> scan("tasks", "communityId: \"" + community + "\"", TASK, allTasks)));
                    work.add(pool.submit(() -> scan("requests", "communityId: \"" + community + "\"", REQUEST, allRequests)));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            }
        }

        static void addIfPresent(Set<String> set, String id) {
            if (id != null) {
                set.add(id);
            }
        }

        /** Reads nodes by id, 25 to a document (aliases); an id the service does not know stays out of {@code into}. */
        List<Future<?>> byId(ExecutorService pool, String field, String selection, Set<String> ids, Map<String, Object> into) {
            List<String> all = new ArrayList<>(ids);
            List<Future<?>> work = new ArrayList<>();
            for (int from = 0; from < all.size(); from += 25) {
                List<String> batch = all.subList(from, Math.min(all.size(), from + 25));
                work.add(pool.submit(() -> {
                    StringBuilder q = new StringBuilder("{ ");
                    for (int i = 0; i < batch.size(); i++) {
                        q.append("n").append(i).append(": ").append(field).append("(id: \"").append(batch.get(i))
                                .append("\") { ").append(selection).append(" } ");
                    }
                    Object data = read(q.append("}").toString());
                    for (int i = 0; i < batch.size(); i++) {
                        Object node = Json.at(data, "n" + i);
                        if (node != null) {
                            into.put(batch.get(i), node);
                        }
                    }
                    return null;
                }));
            }
            return work;
        }

        /** Reads a whole connection, 100 to a page. */
        void scan(String field, String filter, String selection, Map<String, Object> into) {
            String after = null;
            do {
                Object data = read("{ " + field + "(filter: {" + filter + "}, first: 100" + (after == null ? "" : ", after: \"" + after + "\"")
                        + ") { edges { node { " + selection + " } } pageInfo { hasNextPage endCursor } } }");
                for (Object node : nodes(data, field)) {
                    into.put(Json.str(node, "id"), node);
                }
                after = Boolean.TRUE.equals(Json.at(data, field, "pageInfo", "hasNextPage"))
                        ? Json.str(data, field, "pageInfo", "endCursor") : null;
            } while (after != null);
        }

        /** A read whose errors are failures: a non-null field resolving to null is exactly what a half-written node looks like. */
        Object read(String query) {
            try {
                HttpResponse<String> response = Gql.send(query);
                Object answer = Json.parse(response.body());
                Object errors = Json.at(answer, "errors");
                if (response.statusCode() != 200 || errors != null) {
                    failures.add("read answered " + response.statusCode() + " " + Json.write(errors).substring(0,
                            Math.min(400, Json.write(errors).length())) + " for " + query.substring(0, Math.min(120, query.length())));
                }
                return Json.at(answer, "data");
            } catch (Exception e) {
                failures.add("read failed: " + e);
                return null;
            }
        }

        // ---- every acknowledged write is there, with the fields it was acknowledged with

        String checkAcknowledged(Line l) {
            switch (l.op()) {
                case "postRequest": {
                    Object r = requests.get(l.get("request"));
                    if (r == null) return "request not found";
                    return differs(r, l, Map.of("text", "text", "urgency", "urgency", "resident.id", "resident",
                            "community.id", "community", "place.id", "place"), requestStates.get(l.get("request")));
                }
                case "acceptRequest": {
                    Object r = requests.get(l.get("request"));
                    Object t = tasks.get(l.get("task"));
                    if (r == null || t == null) return "request or its task not found";
                    String d = differs(r, l, Map.of("task.id", "task", "task.title", "title"), requestStates.get(l.get("request")));
                    return d != null ? d : differs(t, l, Map.of("title", "title", "community.id", "community", "headcount", "headcount"), null);
                }
                case "createTask": {
                    Object t = tasks.get(l.get("task"));
                    if (t == null) return "task not found";
                    return differs(t, l, Map.of("title", "title", "community.id", "community", "headcount", "headcount"), null);
                }
                case "publishTask": {
                    Object t = tasks.get(l.get("task"));
                    if (t == null) return "task not found";
                    return differs(t, l, Map.of("verificationCode", "code"), taskStates.get(l.get("task")));
                }
                case "completeTask": {
                    Object t = tasks.get(l.get("task"));
                    Object r = requests.get(l.get("request"));
                    if (t == null || r == null) return "task or request not found";
                    String d = differs(t, l, Map.of(), taskStates.get(l.get("task")));
                    return d != null ? d : differs(r, l, Map.of(), requestStates.get(l.get("request")));
                }
                case "claimTask": {
                    Object c = claims.get(l.get("claim"));
                    if (c == null) return "claim not found";
                    if (!"ACTIVE".equals(Json.str(c, "state"))) return "claim is " + Json.str(c, "state");
                    Object t = tasks.get(l.get("task"));
                    if (t == null || Json.list(t, "claims").stream().noneMatch(x -> l.get("claim").equals(Json.str(x, "id")))) {
                        return "the task does not list the claim";
                    }
                    return differs(c, l, Map.of("task.id", "task", "member.id", "member"), null);
                }
                case "checkIn":
                case "checkOut": {
                    Object c = claims.get(l.get("claim"));
                    Object record = c == null ? null : Json.list(c, "serviceRecords").stream()
                            .filter(x -> l.get("record").equals(Json.str(x, "id"))).findFirst().orElse(null);
                    if (record == null) return "service record not found";
                    boolean checkedOut = lines.stream().anyMatch(x -> x.acked() && x.op().equals("checkOut")
                            && l.get("record").equals(x.get("record")));
                    boolean out = Json.at(record, "checkOutAt") != null;
                    if (checkedOut && !out) return "the acknowledged check-out is not there";
                    if (checkedOut && Json.at(record, "hours") == null) return "checked out without hours";
                    return null;
                }
                case "rateClaim": {
                    Object c = claims.get(l.get("claim"));
                    Object e = c == null ? null : Json.list(c, "evaluations").stream()
                            .filter(x -> l.get("evaluation").equals(Json.str(x, "id"))).findFirst().orElse(null);
                    if (e == null) return "evaluation not found";
                    return differs(e, l, Map.of("score", "score"), null);
                }
                case "createMember": {
                    Object m = members.get(l.get("member"));
                    if (m == null) return "member not found";
                    return differs(m, l, Map.of("name", "name", "phone", "phone", "unit.id", "unit", "residence.id", "residence"), null);
                }
                case "registerMember": {
                    Object r = registrations.get(l.get("registration"));
                    if (r == null) return "registration not found";
                    return differs(r, l, Map.of("member.id", "member", "community.id", "community", "residence.id", "residence"),
                            registrationStates.get(l.get("registration")));
                }
                case "confirmRegistration": {
                    Object r = registrations.get(l.get("registration"));
                    if (r == null) return "registration not found";
                    return differs(r, l, Map.of("member.id", "member"), registrationStates.get(l.get("registration")));
                }
                case "updateMember": {
                    Object m = members.get(l.get("member"));
                    if (m == null) return "member not found";
                    String now = String.join(",", Json.list(m, "interests").stream().map(String::valueOf).toList()) + "|"
                            + (Json.at(m, "occupation") == null ? "" : Json.str(m, "occupation"));
                    Set<String> allowed = memberProfiles.get(l.get("member")).states;
                    return allowed.contains(now) ? null : "profile is " + now + ", expected one of " + allowed;
                }
                default:
                    return "unknown write";
            }
        }

        /** Null when every field (dotted path → journal key) matches and the state is one the journal allows. */
        static String differs(Object node, Line l, Map<String, String> fields, Expect states) {
            for (Map.Entry<String, String> f : fields.entrySet()) {
                Object actual = Json.at(node, (Object[]) f.getKey().split("\\."));
                String value = actual instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(actual);
                if (!value.equals(l.get(f.getValue()))) {
                    return f.getKey() + " is " + value + ", acknowledged " + l.get(f.getValue());
                }
            }
            if (states != null && !states.states.contains(Json.str(node, "state"))) {
                return "state is " + Json.str(node, "state") + ", expected one of " + states.states;
            }
            return null;
        }

        // ---- writes that got no answer: there or not?

        boolean inFlightPresent(Line l) {
            switch (l.op()) {
                case "postRequest": {
                    String q = "requests(filter: {residentId: \"" + l.get("resident") + "\"}, first: 100) { edges { node { id text } } }";
                    return nodes(read("{ " + q + " }"), "requests").stream().anyMatch(n -> l.get("text").equals(Json.str(n, "text")));
                }
                case "acceptRequest": {
                    Object r = requests.get(l.get("request"));
                    return r != null && Json.at(r, "task") != null && l.get("title").equals(Json.str(r, "task", "title"));
                }
                case "createTask":
                    return allTasks.values().stream().anyMatch(t -> l.get("title").equals(Json.str(t, "title")));
                case "publishTask": {
                    Object t = tasks.get(l.get("task"));
                    return t != null && !"DRAFT".equals(Json.str(t, "state"));
                }
                case "claimTask": {
                    Object t = allTasks.get(l.get("task"));
                    return t != null && Json.list(t, "claims").stream().anyMatch(c -> l.get("member").equals(Json.str(c, "member", "id")));
                }
                case "checkIn": {
                    Object c = claims.get(l.get("claim"));
                    return c != null && !Json.list(c, "serviceRecords").isEmpty();
                }
                case "checkOut": {
                    Object c = claims.get(l.get("claim"));
                    return c != null && Json.list(c, "serviceRecords").stream().anyMatch(r -> Json.at(r, "checkOutAt") != null);
                }
                case "completeTask": {
                    Object t = tasks.get(l.get("task"));
                    return t != null && "COMPLETED".equals(Json.str(t, "state"));
                }
                case "rateClaim": {
                    Object c = claims.get(l.get("claim"));
                    return c != null && !Json.list(c, "evaluations").isEmpty();
                }
                case "createMember": {
                    String after = null;
                    do {
                        Object data = read("{ members(filter: {unitId: \"" + l.get("unit") + "\"}, first: 100"
                                + (after == null ? "" : ", after: \"" + after + "\"") + ") { edges { node { id name } } pageInfo { hasNextPage endCursor } } }");
                        if (nodes(data, "members").stream().anyMatch(n -> l.get("name").equals(Json.str(n, "name")))) {
                            return true;
                        }
                        after = Boolean.TRUE.equals(Json.at(data, "members", "pageInfo", "hasNextPage"))
                                ? Json.str(data, "members", "pageInfo", "endCursor") : null;
                    } while (after != null);
                    return false;
                }
                case "registerMember": {
                    Object m = members.get(l.get("member"));
                    return m != null && Json.at(m, "registration") != null;
                }
                case "confirmRegistration": {
                    Object r = registrations.get(l.get("registration"));
                    return r != null && "CONFIRMED".equals(Json.str(r, "state"));
                }
                case "updateMember": {
                    Object m = members.get(l.get("member"));
                    return m != null && Json.list(m, "interests").contains(l.get("interests"));
                }
                default:
                    failures.add("journal: unknown in-flight write " + l.op());
                    return false;
            }
        }

        // ---- nothing half-written

        List<String> structuralChecks() {
            List<String> problems = new ArrayList<>();
            Set<String> open = Set.of("PUBLISHED", "IN_PROGRESS", "COMPLETED", "EVALUATED");
            Pattern sixDigits = Pattern.compile("\\d{6}");
            // every task of the street (the demo's too): seats within the headcount, claims whole, codes issued
            for (Object t : allTasks.values()) {
                String id = Json.str(t, "id");
                List<Object> active = Json.list(t, "claims");
                int headcount = ((Number) Json.at(t, "headcount")).intValue();
                int claimed = ((Number) Json.at(t, "claimed")).intValue();
                if (claimed > headcount || active.size() > headcount) {
                    problems.add("task " + id + ": " + active.size() + " active claims for headcount " + headcount);
                }
                if (active.size() != claimed) {
                    problems.add("task " + id + ": claimed says " + claimed + ", " + active.size() + " active claims listed");
                }
                Set<String> holders = new HashSet<>();
                for (Object c : active) {
                    if (!id.equals(Json.str(c, "task", "id")) || Json.at(c, "member") == null) {
                        problems.add("task " + id + ": claim " + Json.str(c, "id") + " without its task or member");
                    } else if (!holders.add(Json.str(c, "member", "id"))) {
                        problems.add("task " + id + ": member " + Json.str(c, "member", "id") + " holds two claims");
                    }
                }
                if (open.contains(Json.str(t, "state")) && (Json.at(t, "verificationCode") == null
                        || !sixDigits.matcher(Json.str(t, "verificationCode")).matches() || Json.at(t, "publishedAt") == null)) {
                    problems.add("task " + id + ": " + Json.str(t, "state") + " without verification code or publication time");
                }
                Set<String> allowed = claimsAllowed.get(id);
                if (taskStates.containsKey(id)) {
                    for (Object c : active) {
                        if (allowed == null || !allowed.contains(Json.str(c, "member", "id"))) {
                            problems.add("task " + id + ": claim by " + Json.str(c, "member", "id") + " that was never sent");
                        }
                    }
                }
            }
            // every request of the street: its resident, place and community are there (non-null in the schema:
            // a missing one is a read error); accepted ones have their task in the same community
            for (Object r : allRequests.values()) {
                String id = Json.str(r, "id");
                String state = Json.str(r, "state");
                if (Json.at(r, "resident") == null || Json.at(r, "place") == null || Json.at(r, "community") == null) {
                    problems.add("request " + id + " without its resident, place or community");
                }
                if (Set.of("ACCEPTED", "RESOLVED").contains(state)) {
                    Object task = Json.at(r, "task");
                    if (task == null) {
                        problems.add("request " + id + ": " + state + " without its task");
                    } else if (!Json.str(task, "community", "id").equals(Json.str(r, "community", "id"))) {
                        problems.add("request " + id + ": its task is in another community");
                    } else if (state.equals("RESOLVED") && !Set.of("COMPLETED", "EVALUATED").contains(Json.str(task, "state"))) {
                        problems.add("request " + id + ": resolved while its task is " + Json.str(task, "state"));
                    }
                }
                if (state.equals("MERGED") && Json.at(r, "duplicateOf") == null) {
                    problems.add("request " + id + ": merged into nothing");
                }
            }
            // every change of state is recorded in the same transaction: the newest history entry names the current state
            for (Map<String, Object> journaled : List.of(tasks, requests)) {
                for (Object node : journaled.values()) {
                    List<Object> history = Json.list(node, "history");
                    String last = history.isEmpty() ? null : Json.str(history.getLast(), "to");
                    if (!Json.str(node, "state").equals(last)) {
                        problems.add(Json.str(node, "id") + " is " + Json.str(node, "state") + " but its history ends with " + last);
                    }
                }
            }
            // journaled requests' tasks list them back
            for (Line l : lines) {
                if (l.acked() && l.op().equals("acceptRequest") && tasks.containsKey(l.get("task"))
                        && Json.list(tasks.get(l.get("task")), "requests").stream().noneMatch(x -> l.get("request").equals(Json.str(x, "id")))) {
                    problems.add("task " + l.get("task") + " does not list request " + l.get("request"));
                }
            }
            // claims: records belong to the claim's member; closed ones have hours; never more than was sent
            for (Map.Entry<String, Object> e : claims.entrySet()) {
                Object c = e.getValue();
                List<Object> records = Json.list(c, "serviceRecords");
                for (Object sr : records) {
                    if (!Json.str(c, "member", "id").equals(Json.str(sr, "member", "id")) || !e.getKey().equals(Json.str(sr, "claim", "id"))) {
                        problems.add("service record " + Json.str(sr, "id") + " of another member or claim");
                    }
                    if (Json.at(sr, "checkOutAt") != null && Json.at(sr, "hours") == null) {
                        problems.add("service record " + Json.str(sr, "id") + " closed without hours");
                    }
                }
                if (records.size() > recordsAllowed.getOrDefault(e.getKey(), 0)) {
                    problems.add("claim " + e.getKey() + ": " + records.size() + " service records, more than check-ins sent");
                }
                if (Json.list(c, "evaluations").size() > ratingsAllowed.getOrDefault(e.getKey(), 0)) {
                    problems.add("claim " + e.getKey() + ": more ratings than were sent");
                }
            }
            // registrations are reported back to the unit in the same transaction; a confirmed one is the member's
            for (Object r : registrations.values()) {
                String id = Json.str(r, "id");
                if (Json.at(r, "reportedTo") == null) {
                    problems.add("registration " + id + " not reported back to the unit");
                }
                if ("CONFIRMED".equals(Json.str(r, "state")) && (Json.at(r, "decidedAt") == null
                        || !id.equals(Json.str(r, "member", "registration", "id")))) {
                    problems.add("registration " + id + " confirmed but not the member's registration");
                }
            }
            // an occupation comes with the skills it implies (written by the same transaction)
            for (Object m : members.values()) {
                if (Json.at(m, "occupation") != null && (Json.at(m, "recognisedOccupation") == null
                        || Json.list(m, "skills").stream().noneMatch(s -> "OCCUPATION".equals(Json.str(s, "source"))))) {
                    problems.add("member " + Json.str(m, "id") + ": occupation " + Json.str(m, "occupation") + " without its skills");
                }
            }
            return problems;
        }

        /**
         * Every acknowledged write has its OK audit entry (the service writes it before it answers). Keyed by
         * operation and the write's main argument, counted as multisets: the log names arguments, not results.
         * In-flight writes may have committed without their entry: the entry is a separate transaction.
         */
        String auditCheck(List<String> problems) {
            Map<String, String> mainArgument = Map.ofEntries(Map.entry("postRequest", "resident"), Map.entry("acceptRequest", "request"),
                    Map.entry("createTask", "community"), Map.entry("publishTask", "task"), Map.entry("claimTask", "task"),
                    Map.entry("checkIn", "claim"), Map.entry("checkOut", "claim"), Map.entry("completeTask", "task"),
                    Map.entry("rateClaim", "claim"), Map.entry("createMember", "unit"), Map.entry("registerMember", "member"),
                    Map.entry("confirmRegistration", "registration"), Map.entry("updateMember", "member"));
            Map<String, Integer> audited = new HashMap<>();
            String actor = System.getenv().getOrDefault("TONGTONG_ACTOR", "crash-test");
            String after = null;
            int entries = 0;
            do {
                Object data = read("{ auditLog(filter: {actor: \"" + actor + "\", kind: MUTATION}, first: 100"
                        + (after == null ? "" : ", after: \"" + after + "\"") + ") { edges { node { operation targets outcome } } pageInfo { hasNextPage endCursor } } }");
                for (Object e : nodes(data, "auditLog")) {
                    entries++;
                    if ("OK".equals(Json.str(e, "outcome"))) {
                        for (Object target : Json.list(e, "targets")) {
                            String t = String.valueOf(target);
                            audited.merge(Json.str(e, "operation") + " " + t.substring(t.indexOf(':') + 1), 1, Integer::sum);
                        }
                    }
                }
                after = Boolean.TRUE.equals(Json.at(data, "auditLog", "pageInfo", "hasNextPage"))
                        ? Json.str(data, "auditLog", "pageInfo", "endCursor") : null;
            } while (after != null);
            Map<String, Integer> acked = new HashMap<>();
            Map<String, Integer> flying = new HashMap<>();
            for (Line l : lines) {
                String key = l.op() + " " + l.get(mainArgument.get(l.op()));
                (l.acked() ? acked : flying).merge(key, 1, Integer::sum);
            }
            int unaudited = 0, flightAudited = 0;
            for (Map.Entry<String, Integer> e : acked.entrySet()) {
                int have = audited.getOrDefault(e.getKey(), 0);
                if (have < e.getValue()) {
                    unaudited += e.getValue() - have;
                    problems.add("audit: " + (e.getValue() - have) + " acknowledged " + e.getKey() + " without an OK audit entry");
                }
            }
            for (Map.Entry<String, Integer> e : flying.entrySet()) {
                flightAudited += Math.max(0, Math.min(e.getValue(), audited.getOrDefault(e.getKey(), 0) - acked.getOrDefault(e.getKey(), 0)));
            }
            return "audit log: %d mutation entries by %s; acknowledged writes without an OK entry: %d; in-flight writes with an OK entry: %d"
                    .formatted(entries, actor, unaudited, flightAudited);
        }
    }

    // ----------------------------------------------------------------------------------------------- plumbing

    static final class Gql {
        /** How long one request may take: the load's writes 30 s (then in flight), the verifier's reads longer. */
        static Duration timeout = Duration.ofSeconds(30);

        static HttpResponse<String> send(String query) throws IOException, InterruptedException {
            String body = "{\"query\":" + Json.write(query) + "}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                    .header("authorization", "Bearer " + System.getenv("TONGTONG_TOKEN")).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }

        /** A read during set-up: any error is fatal. */
        static Map<String, Object> data(String query) throws IOException, InterruptedException {
            HttpResponse<String> response = send(query);
            Object answer = Json.parse(response.body());
            if (response.statusCode() != 200 || Json.at(answer, "errors") != null) {
                throw new IllegalStateException("set-up read failed: " + response.statusCode() + " " + response.body());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) Json.at(answer, "data");
            return data;
        }
    }

    /** The nodes of a connection at {@code path}. */
    static List<Object> nodes(Object data, String... path) {
        Object[] edges = new Object[path.length + 1];
        System.arraycopy(path, 0, edges, 0, path.length);
        edges[path.length] = "edges";
        return Json.list(data, edges).stream().map(e -> Json.at(e, "node")).toList();
    }

    static List<String> ids(Object data, String... path) {
        return nodes(data, path).stream().map(n -> Json.str(n, "id")).toList();
    }

    /** Just enough JSON: parse into maps, lists, strings, doubles, booleans and null; write strings. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            Object value = p.value();
            p.space();
            if (p.i != text.length()) {
                throw new IllegalArgumentException("trailing characters in JSON at " + p.i);
            }
            return value;
        }

        /** Follows map keys (String) and list indexes (Integer); null when anything on the way is missing. */
        static Object at(Object root, Object... path) {
            Object here = root;
            for (Object step : path) {
                if (here instanceof Map<?, ?> map && step instanceof String key) {
                    here = map.get(key);
                } else if (here instanceof List<?> list && step instanceof Integer index && index < list.size()) {
                    here = list.get(index);
                } else {
                    return null;
                }
            }
            return here;
        }

        static String str(Object root, Object... path) {
            Object value = at(root, path);
            return value == null ? null : String.valueOf(value);
        }

        @SuppressWarnings("unchecked")
        static List<Object> list(Object root, Object... path) {
            Object value = at(root, path);
            return value instanceof List<?> list ? (List<Object>) list : List.of();
        }

        static String write(Object value) {
            if (value == null) {
                return "null";
            }
            if (!(value instanceof String text)) {
                return String.valueOf(value);
            }
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(c < 0x20 ? "\\u%04x".formatted((int) c) : String.valueOf(c));
                }
            }
            return out.append('"').toString();
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            space();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    Map<String, Object> map = new LinkedHashMap<>();
                    i++;
                    space();
                    if (s.charAt(i) == '}') {
                        i++;
                        return map;
                    }
                    while (true) {
                        space();
                        String key = string();
                        space();
                        i++; // ':'
                        map.put(key, value());
                        space();
                        if (s.charAt(i++) == '}') {
                            return map;
                        }
                    }
                }
                case '[': {
                    List<Object> list = new ArrayList<>();
                    i++;
                    space();
                    if (s.charAt(i) == ']') {
                        i++;
                        return list;
                    }
                    while (true) {
                        list.add(value());
                        space();
                        if (s.charAt(i++) == ']') {
                            return list;
                        }
                    }
                }
                case '"':
                    return string();
                default:
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    return Double.parseDouble(s.substring(start, i));
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            i++; // opening quote
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
        }
    }
}
