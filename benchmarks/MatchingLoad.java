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
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matching latency over GraphQL on a running service (the `city` data set):
 * 1. recommendMembers: one published task with a skill in each of COMMUNITIES communities drawn across the
 *    city; after WARM_UP requests (reported on their own: the JIT is still compiling the Cypher runtime and the
 *    constraint streams well after the first thousand, and a service runs for days), REQUESTS sequential requests round-robin over
 *    them — p50/p95/p99.
 * 2. Emergencies: a live matching job for one street; EMERGENCIES emergency tasks published one after another
 *    in its communities (to the community's functional branch); for each, the job's own figure (publication
 *    received → first proposal) and the time the client waited from the publishing response until it read
 *    the proposal (polling every 20 ms).
 *
 * Usage: java benchmarks/MatchingLoad.java [graphqlUrl] [requests] [emergencies] [warmUp=3000]   (JDK 21+; no dependencies)
 */
public class MatchingLoad {

    static final int COMMUNITIES = 40;
    static int WARM_UP = 3_000;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String url;

    public static void main(String[] args) throws Exception {
        url = args.length > 0 ? args[0] : "http://localhost:18080/graphql";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int emergencies = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        WARM_UP = args.length > 3 ? Integer.parseInt(args[3]) : WARM_UP;

        List<String> streets = ids(post("{ streets(first: 100) { edges { node { id } } } }"));
        List<String> communities = new ArrayList<>();
        for (String street : streets) {
            communities.addAll(ids(post("{ street(id: \"" + street + "\") { communities(first: 100) { edges { node { id } } } } }"))
                    .stream().filter(id -> !id.equals(street)).toList());
        }
        Random random = new Random(5);
        Collections.shuffle(communities, random);
        String start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(3).withHour(9).withMinute(0).withSecond(0).withNano(0).toString();
        String end = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(3).withHour(11).withMinute(0).withSecond(0).withNano(0).toString();
        List<String> tasks = new ArrayList<>();
        for (String community : communities.subList(0, Math.min(COMMUNITIES, communities.size()))) {
            tasks.add(publishedTask(community, start, end));
        }
        System.out.printf("%d streets, %d communities; %d tasks to recommend for%n", streets.size(), communities.size(), tasks.size());

        String query = "query($t: ID!) { recommendMembers(taskId: $t, first: 10) { rank member { id name } score { hard soft } reasons { text } } }";
        List<Long> warmUp = new ArrayList<>(); // a fresh JVM: the first requests compile the code they run
        for (int i = 0; i < WARM_UP; i++) {
            long t0 = System.nanoTime();
            postVariables(query, tasks.get(i % tasks.size()));
            warmUp.add((System.nanoTime() - t0) / 1_000);
        }
        System.out.printf("recommendMembers, the first %d requests after start (warm-up, not counted below): %s ms%n", WARM_UP,
                percentiles(warmUp));
        List<Long> micros = new ArrayList<>();
        int errors = 0;
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            String response = postVariables(query, tasks.get(i % tasks.size()));
            micros.add((System.nanoTime() - t0) / 1_000);
            if (response.contains("\"errors\"") || !response.contains("\"rank\":1")) {
                errors++;
            }
        }
        System.out.printf("recommendMembers (first: 10), %d sequential requests: %s ms; %d errors or empty answers%n",
                requests, percentiles(micros), errors);

        // the floor every GraphQL request pays here (HTTP, sign-in, GraphQL, one small read), for comparison
        List<Long> floor = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            post("{ about { schemaVersion } }");
            floor.add((System.nanoTime() - t0) / 1_000);
        }
        System.out.printf("for comparison, { about { schemaVersion } }, %d sequential requests: %s ms%n", requests, percentiles(floor));

        String community = communities.getFirst();
        String street = match(post("{ community(id: \"" + community + "\") { street { id } } }"), "\"id\":\"([^\"]+)\"");
        String job = match(post("mutation { startMatching(input: {streetId: \"" + street + "\", seconds: 10, unimprovedSeconds: 2, live: true}) { job { id } } }"),
                "\"id\":\"([^\"]+)\"");
        Thread.sleep(12_000); // the first plan of the street is done; the job listens
        List<String> streetCommunities = ids(post("{ street(id: \"" + street + "\") { communities(first: 100) { edges { node { id } } } } }"))
                .stream().filter(id -> !id.equals(street)).toList();
        System.out.printf("live job %s on street %s (%d communities): %s%n", job, street, streetCommunities.size(),
                post("{ matchingJob(id: \"" + job + "\") { status seats seatsFilled bestScore { hard medium soft } } }"));
        List<Long> jobMillis = new ArrayList<>();
        List<Long> clientMillis = new ArrayList<>();
        int missed = 0;
        for (int i = 0; i < emergencies; i++) {
            String c = streetCommunities.get(i % streetCommunities.size());
            String from = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(30).withNano(0).toString();
            String to = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusHours(6).withNano(0).toString();
            String id = match(post("mutation { createTask(input: {communityId: \"" + c + "\", title: \"防汛抢险" + i
                    + "\", kind: EMERGENCY, difficulty: 4, headcount: 5, startsAt: \"" + from + "\", endsAt: \"" + to
                    + "\", categoryId: \"SAFETY_PATROL\", audience: TEAMS, teamIds: [\"" + c + "-GN\"]}) { task { id } } }"), "\"id\":\"([^\"]+)\"");
            post("mutation { publishTask(input: {taskId: \"" + id + "\"}) { task { id } } }");
            long published = System.nanoTime();
            Long seen = null;
            while (System.nanoTime() - published < 10_000_000_000L) {
                String state = post("{ matchingJob(id: \"" + job + "\") { tasksAdded { task { id } millisToProposal } } }");
                String millis = match(state, "\"id\":\"" + Pattern.quote(id) + "\"\\},\"millisToProposal\":(\\d+)");
                if (millis != null) {
                    jobMillis.add(Long.parseLong(millis) * 1000);
                    seen = (System.nanoTime() - published) / 1_000;
                    break;
                }
                Thread.sleep(20);
            }
            if (seen == null) {
                missed++;
            } else {
                clientMillis.add(seen);
            }
            Thread.sleep(1_000);
        }
        System.out.printf("emergencies: %d published, %d without a proposal after 10 s%n", emergencies, missed);
        System.out.printf("  publication received → first proposal (the job's figure): %s ms%n", percentiles(jobMillis));
        System.out.printf("  publishing response → proposal read by the client: %s ms%n", percentiles(clientMillis));
        post("mutation { stopMatching(input: {jobId: \"" + job + "\"}) { job { status } } }");
    }

    static String publishedTask(String community, String start, String end) throws Exception {
        String id = match(post("mutation { createTask(input: {communityId: \"" + community + "\", title: \"楼道灯维修\", kind: MICRO_SERVICE,"
                + " difficulty: 2, headcount: 2, startsAt: \"" + start + "\", endsAt: \"" + end
                + "\", skillIds: [\"plumbing_electrical\"]}) { task { id } } }"), "\"id\":\"([^\"]+)\"");
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

    static String postVariables(String query, String task) throws Exception {
        String body = "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"variables\":{\"t\":\"" + task + "\"}}";
        return send(body);
    }

    static String post(String query) throws Exception {
        return send("{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    static String send(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header("authorization", "Bearer " + System.getenv("TONGTONG_TOKEN")).timeout(Duration.ofSeconds(60))
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
