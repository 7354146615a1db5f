import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Analytics latency over GraphQL on a running service (the `city` data set), sequential requests, each
 * asking for every figure: the city roll-up (the city and its streets), a street roll-up (the street and
 * its communities), a community dashboard (the community and its grids) round-robin over COMMUNITIES
 * communities, and 12-month trends of the city and of a community. Warm-up requests are reported on their own.
 *
 * Usage: java benchmarks/AnalyticsLoad.java [graphqlUrl] [requests]   (JDK 21+; no dependencies)
 */
public class AnalyticsLoad {

    static final int COMMUNITIES = 40;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String FIELDS = """
            scope id name from to roster registered reportingRate serving serviceRate serviceHours hoursPerMember
            hoursDistribution { label members } ratings satisfied satisfactionRate postsHeld
            area { requestsReceived requestsResolved medianHoursToResolve tasksByKind { kind count } emergencyTasks membersMobilised
                   servicePosts postsClaimed meetingProblems meetingProblemsResolved jointMeetingResolutionRate }""";
    static String url;
    static int errors;

    public static void main(String[] args) throws Exception {
        url = args.length > 0 ? args[0] : "http://localhost:18080/graphql";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 100;

        List<String> streets = ids(post("{ streets(first: 100) { edges { node { id } } } }"));
        List<String> communities = new ArrayList<>();
        for (String street : streets) {
            communities.addAll(ids(post("{ street(id: \"" + street + "\") { communities(first: 100) { edges { node { id } } } } }"))
                    .stream().filter(id -> !id.equals(street)).toList());
        }
        Collections.shuffle(communities, new Random(7));
        communities = communities.subList(0, Math.min(COMMUNITIES, communities.size()));
        System.out.printf("%d streets; dashboards over %d communities; %d requests per figure after warm-up%n",
                streets.size(), communities.size(), requests);
        String city = "{ figures(scope: CITY, period: MONTH) { " + FIELDS + " children { " + FIELDS + " } } }";
        System.out.println("city this month: " + post("{ figures(scope: CITY, period: MONTH) { roster registered reportingRate serving serviceHours ratings satisfactionRate area { requestsReceived requestsResolved medianHoursToResolve emergencyTasks } } }"));

        measure("city roll-up (city + its streets, month)", requests, i -> city);
        List<String> streetIds = streets;
        measure("street roll-up (street + its communities, month)", requests, i -> "{ figures(scope: STREET, id: \""
                + streetIds.get(i % streetIds.size()) + "\", period: MONTH) { " + FIELDS + " children { " + FIELDS + " } } }");
        List<String> dashboards = communities;
        measure("community dashboard (community + its grids, month)", requests, i -> "{ figures(scope: COMMUNITY, id: \""
                + dashboards.get(i % dashboards.size()) + "\", period: MONTH) { " + FIELDS + " children { " + FIELDS + " } } }");
        measure("city trend (12 months)", Math.max(10, requests / 5), i -> "{ figureTrend(scope: CITY, every: MONTH, periods: 12) { "
                + FIELDS + " } }");
        measure("community trend (12 months)", requests, i -> "{ figureTrend(scope: COMMUNITY, id: \""
                + dashboards.get(i % dashboards.size()) + "\", every: MONTH, periods: 12) { " + FIELDS + " } }");
        System.out.printf("errors: %d%n", errors);
    }

    interface Query {
        String at(int i);
    }

    static void measure(String title, int requests, Query query) throws Exception {
        int warmUp = Math.max(5, requests / 5);
        List<Long> first = new ArrayList<>();
        for (int i = 0; i < warmUp; i++) {
            first.add(timed(query.at(i)));
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            micros.add(timed(query.at(warmUp + i)));
        }
        System.out.printf("%-52s %s ms   (warm-up %d: %s)%n", title + ", " + requests + " requests:", percentiles(micros), warmUp,
                percentiles(first));
    }

    static long timed(String query) throws Exception {
        long t0 = System.nanoTime();
        String response = post(query);
        long micros = (System.nanoTime() - t0) / 1_000;
        if (response.contains("\"errors\"") || !response.contains("\"data\"")) {
            errors++;
            if (errors <= 3) {
                System.out.println("error: " + response.substring(0, Math.min(400, response.length())));
            }
        }
        return micros;
    }

    static String percentiles(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return "p50 %.1f, p95 %.1f, max %.1f".formatted(sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) (sorted.size() * 0.95)) / 1000.0, sorted.getLast() / 1000.0);
    }

    static String post(String query) throws Exception {
        String body = "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header("authorization", "Bearer " + System.getenv("TONGTONG_TOKEN")).timeout(Duration.ofSeconds(120))
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
}
