import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * classifyText latency over GraphQL on a running service (issue 23): the texts of
 * src/test/resources/knowledge/labelled-requests-test-2.txt and dev/dev-set.txt (320 requests of 4 to 60
 * characters), after WARM_UP requests, REQUESTS sequential requests round-robin over them, each asking what a
 * secretary's screen shows (category, candidates with evidence, skills, reason) — p50/p95/p99/max.
 *
 * Usage: java benchmarks/ClassifierLoad.java [graphqlUrl] [requests]   (JDK 21+; no dependencies; TONGTONG_TOKEN set)
 */
public class ClassifierLoad {

    static final int WARM_UP = 500;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String QUERY = "query($t: String!) { classifyText(text: $t) { category { id } suggestedCategory { id } "
            + "secondCategory { id } confidence classified reason candidates { category { id name } score words similarRequests } "
            + "skills { skill { id name } score words } } }";

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "http://localhost:18091/graphql";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<String> texts = new ArrayList<>();
        for (String file : List.of("src/test/resources/knowledge/labelled-requests-test-2.txt", "src/test/resources/knowledge/dev/dev-set.txt")) {
            for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    texts.add(line.substring(line.lastIndexOf('|') + 1).strip());
                }
            }
        }
        for (int i = 0; i < WARM_UP; i++) {
            post(url, texts.get(i % texts.size()));
        }
        // each classification is followed by { about }: the floor any GraphQL request pays here, under the same load
        List<Long> micros = new ArrayList<>();
        List<Long> floor = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            post(url, texts.get(i % texts.size()));
            micros.add((System.nanoTime() - t0) / 1_000);
            long t1 = System.nanoTime();
            post(url, null);
            floor.add((System.nanoTime() - t1) / 1_000);
        }
        Collections.sort(micros);
        Collections.sort(floor);
        System.out.printf("classifyText over GraphQL, %d sequential requests over %d texts after %d to warm up: "
                + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", requests, texts.size(), WARM_UP,
                at(micros, 0.50), at(micros, 0.95), at(micros, 0.99), micros.getLast() / 1000.0);
        System.out.printf("{ about { version } } between them (the floor of a GraphQL request here): p50 %.1f ms, p95 %.1f ms%n",
                at(floor, 0.50), at(floor, 0.95));
    }

    static double at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1000.0;
    }

    /** classifyText(text), or { about } when text is null. */
    static void post(String url, String text) throws Exception {
        String body = text == null ? "{\"query\":\"{ about { version } }\"}"
                : "{\"query\":\"" + QUERY.replace("\"", "\\\"") + "\",\"variables\":{\"t\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header("Authorization", "Bearer " + System.getenv("TONGTONG_TOKEN")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"errors\"") || !response.body().contains(text == null ? "\"about\"" : "\"classifyText\"")) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }
}
