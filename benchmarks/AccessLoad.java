import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the access rules cost: the same GraphQL requests on the demo data, sequentially, once with the city
 * administrator's token (rules pass without looking anything up) and once with the community secretary's
 * (every member, task and request is placed in the graph before it is shown). Prints p50/p95 per request
 * kind and token, after a warm-up.
 *
 * Usage: ADMIN_TOKEN=… SECRETARY_TOKEN=… java benchmarks/AccessLoad.java [graphqlUrl] [requests]
 */
public class AccessLoad {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String COMMUNITY = "320613001001";
    static final String[][] REQUESTS = {
            {"a page of 100 members with skills and phones",
                    "{ members(filter: {communityId: \\\"" + COMMUNITY + "\\\"}, first: 100) { edges { node { id name phone skills { level } } } } }"},
            {"one member with claims and hours",
                    "{ member(id: \\\"M000209\\\") { id name phone claims(first: 20) { edges { node { id state task { title } } } } } }"},
            {"a page of 50 tasks",
                    "{ tasks(filter: {communityId: \\\"" + COMMUNITY + "\\\"}, first: 50) { edges { node { id title state } } } }"},
            {"a page of 50 requests with residents",
                    "{ requests(filter: {communityId: \\\"" + COMMUNITY + "\\\"}, first: 50) { edges { node { id text resident { name phone } } } } }"},
    };

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "http://localhost:18080/graphql";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String admin = System.getenv("ADMIN_TOKEN");
        String secretary = System.getenv("SECRETARY_TOKEN");
        System.out.printf("%d requests per kind and token after 20 warm-up requests; sequential%n", requests);
        System.out.printf("%-46s %-22s %8s %8s%n", "request", "token", "p50 ms", "p95 ms");
        for (String[] request : REQUESTS) {
            for (String[] token : new String[][] {{"city administrator", admin}, {"community secretary", secretary}}) {
                for (int i = 0; i < 20; i++) {
                    post(url, token[1], request[1]);
                }
                List<Double> millis = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    long start = System.nanoTime();
                    String body = post(url, token[1], request[1]);
                    millis.add((System.nanoTime() - start) / 1e6);
                    if (body.contains("\"errors\"")) {
                        throw new IllegalStateException(token[0] + " got errors: " + body.substring(0, Math.min(400, body.length())));
                    }
                }
                Collections.sort(millis);
                System.out.printf("%-46s %-22s %8.1f %8.1f%n", request[0], token[0], percentile(millis, 50),
                        percentile(millis, 95));
            }
        }
    }

    static String post(String url, String token, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header("authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query + "\"}")).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
