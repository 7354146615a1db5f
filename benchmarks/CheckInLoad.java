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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check-in latency with the verification-code limiter (issue 19, finding 3), over GraphQL on a running service
 * (the `demo` data). Publishes tasks of 德民社区 that start in 30 minutes (check-in is open), claims every seat for
 * members registered there, then, one request at a time, for each claim: checkIn and checkOut with the right code
 * (the city administrator's token); on the first claims a wrong code comes first, from one of the guessing tokens
 * (each stays under the subject's limit, one wrong code per claim stays under the claim's). The first WARM_UP claims
 * are not counted. Prints p50/p95/p99 per mutation and every outcome seen.
 *
 * Usage: java benchmarks/CheckInLoad.java [graphqlUrl] [claims]   (JDK 21+; no dependencies)
 * Environment: TONGTONG_TOKEN (city administrator), GUESS_TOKENS (comma-separated city administrators' tokens)
 */
public class CheckInLoad {

    static final String COMMUNITY = "320613001001";
    static final int HEADCOUNT = 10;
    static final int WARM_UP = 30;
    /** Wrong codes per guessing token: under the subject's limit of 20. */
    static final int GUESSES_PER_TOKEN = 15;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String url;

    public static void main(String[] args) throws Exception {
        url = args.length > 0 ? args[0] : "http://localhost:18080/graphql";
        int claims = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String admin = System.getenv("TONGTONG_TOKEN");
        List<String> guessers = System.getenv("GUESS_TOKENS") == null ? List.of()
                : List.of(System.getenv("GUESS_TOKENS").split(","));

        List<String> members = ids(post(admin, "{ members(filter: {communityId: \"" + COMMUNITY
                + "\", registrationState: CONFIRMED}, first: 100) { edges { node { id } } } }"));
        String start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(30).withNano(0).toString();
        String end = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusHours(3).withNano(0).toString();
        List<String[]> seats = new ArrayList<>(); // claim id, code
        int total = WARM_UP + claims;
        for (int t = 0; seats.size() < total; t++) {
            String task = match(post(admin, "mutation { createTask(input: {communityId: \"" + COMMUNITY + "\", title: \"签到压测" + t
                    + "\", kind: MICRO_SERVICE, difficulty: 1, headcount: " + HEADCOUNT + ", startsAt: \"" + start + "\", endsAt: \""
                    + end + "\", categoryId: \"HELP_THE_NEEDY\"}) { task { id } } }"), "\"id\":\"([^\"]+)\"");
            String code = match(post(admin, "mutation { publishTask(input: {taskId: \"" + task + "\"}) { task { verificationCode } } }"),
                    "\"verificationCode\":\"(\\d+)\"");
            for (int s = 0; s < HEADCOUNT && seats.size() < total; s++) {
                String member = members.get((t * HEADCOUNT + s) % members.size());
                String claim = match(post(admin, "mutation { claimTask(input: {taskId: \"" + task + "\", memberId: \"" + member
                        + "\"}) { claim { id } } }"), "\"id\":\"([^\"]+)\"");
                if (claim != null) {
                    seats.add(new String[] {claim, code});
                }
            }
        }
        System.out.printf("setup: %d members of %s, %d claims on tasks of %d seats starting in 30 min%n", members.size(),
                COMMUNITY, seats.size(), HEADCOUNT);

        Map<String, List<Long>> latencies = new TreeMap<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        int guesses = 0;
        int maxGuesses = guessers.size() * GUESSES_PER_TOKEN;
        for (int i = 0; i < seats.size(); i++) {
            boolean counted = i >= WARM_UP;
            String claim = seats.get(i)[0];
            String code = seats.get(i)[1];
            if (guesses < maxGuesses) {
                String wrong = "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
                call(guessers.get(guesses++ / GUESSES_PER_TOKEN), "checkIn", claim, wrong, counted ? "checkIn (wrong code)" : null,
                        latencies, outcomes);
            }
            call(admin, "checkIn", claim, code, counted ? "checkIn" : null, latencies, outcomes);
            call(admin, "checkOut", claim, code, counted ? "checkOut" : null, latencies, outcomes);
        }
        latencies.forEach((what, micros) -> System.out.printf("%-22s %4d requests: %s%n", what, micros.size(), percentiles(micros)));
        System.out.println("outcomes: " + outcomes);
    }

    static void call(String token, String mutation, String claim, String code, String label, Map<String, List<Long>> latencies,
            Map<String, Integer> outcomes) throws Exception {
        long t0 = System.nanoTime();
        String answer = post(token, "mutation { " + mutation + "(input: {claimId: \"" + claim + "\", verificationCode: \"" + code
                + "\"}) { record { id } } }");
        long micros = (System.nanoTime() - t0) / 1_000;
        String outcome = mutation + " " + (answer.contains("\"errors\"") ? match(answer, "\"code\":\"([A-Z_]+)\"") : "OK");
        outcomes.merge(outcome, 1, Integer::sum);
        if (label != null) {
            latencies.computeIfAbsent(label, k -> new ArrayList<>()).add(micros);
        }
    }

    static String percentiles(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) (sorted.size() * 0.95)) / 1000.0, sorted.get((int) (sorted.size() * 0.99)) / 1000.0,
                sorted.getLast() / 1000.0);
    }

    static String post(String token, String query) throws Exception {
        String body = "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header("authorization", "Bearer " + token).timeout(Duration.ofSeconds(30))
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
