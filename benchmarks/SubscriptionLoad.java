import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publish → event latency of GraphQL subscriptions (issue 20, part 4) on a running service with the `demo` data.
 * Opens SUBSCRIPTIONS WebSocket connections (graphql-transport-ws, one subscription each, the token in
 * connection_init): half signed in as 德民社区's secretary, half as another community's. Then publishes tasks of 德民社区
 * one at a time over HTTP and times, for each task and each 德民 subscriber, from just before publishTask is sent to
 * the moment that subscriber's WebSocket delivered the event (after the commit, the scope check of all 1,000
 * subscriptions, the GraphQL execution of the event's fields and the send). The other community's subscribers must
 * receive nothing: they count as scope checks done, and any event they get is reported. The first WARM_UP tasks
 * are not counted. Prints p50/p95/max.
 *
 * Usage: java benchmarks/SubscriptionLoad.java [graphqlUrl] [subscriptions] [tasks]   (JDK 21+; no dependencies)
 * Environment: DEMIN_TOKEN, OTHER_TOKEN (community secretaries' tokens), TONGTONG_TOKEN (city administrator)
 */
public class SubscriptionLoad {

    static final String DEMIN = "320613001001";
    static final int WARM_UP = 5;
    static final Pattern TASK_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    /** The task of a "next" message (its first "id" is the subscription's). */
    static final Pattern EVENT_TASK = Pattern.compile("\"tasksPublished\":\\{\"id\":\"([^\"]+)\"");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** task id → nanoTime just before its publishTask was sent */
    static final Map<String, Long> published = new ConcurrentHashMap<>();
    static final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger outOfScope = new AtomicInteger();
    static final AtomicInteger delivered = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "http://localhost:18080/graphql";
        int subscriptions = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String demin = System.getenv("DEMIN_TOKEN");
        String other = System.getenv("OTHER_TOKEN");
        String admin = System.getenv("TONGTONG_TOKEN");
        URI ws = URI.create(url.replaceFirst("^http", "ws"));

        CountDownLatch acked = new CountDownLatch(subscriptions);
        List<WebSocket> sockets = new ArrayList<>();
        long opening = System.nanoTime();
        for (int i = 0; i < subscriptions; i++) {
            boolean inScope = i % 2 == 0;
            sockets.add(HTTP.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .buildAsync(ws, new Subscriber(inScope ? demin : other, inScope, acked)).get(10, TimeUnit.SECONDS));
        }
        if (!acked.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(acked.getCount() + " subscriptions not acknowledged");
        }
        Thread.sleep(1000); // the last subscribe messages reach the service
        System.out.printf("opened %d WebSocket subscriptions (%d for 德民社区's secretary, %d for another community's) in %d ms%n",
                subscriptions, (subscriptions + 1) / 2, subscriptions / 2, (System.nanoTime() - opening) / 1_000_000);

        String start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(1).withNano(0).toString();
        String end = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(1).plusHours(2).withNano(0).toString();
        int receivers = (subscriptions + 1) / 2;
        for (int t = 0; t < WARM_UP + tasks; t++) {
            Matcher created = TASK_ID.matcher(post(url, admin, "mutation { createTask(input: {communityId: \"" + DEMIN
                    + "\", title: \"订阅压测" + t + "\", kind: MICRO_SERVICE, difficulty: 1, headcount: 2, startsAt: \"" + start
                    + "\", endsAt: \"" + end + "\", categoryId: \"HELP_THE_NEEDY\"}) { task { id } } }"));
            if (!created.find()) {
                throw new IllegalStateException("createTask failed");
            }
            String task = created.group(1);
            int before = delivered.get();
            published.put(task, t < WARM_UP ? -System.nanoTime() : System.nanoTime()); // negative: warm-up, not counted
            post(url, admin, "mutation { publishTask(input: {taskId: \"" + task + "\"}) { task { state } } }");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (delivered.get() - before < receivers && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            if (delivered.get() - before < receivers) {
                System.out.printf("task %d: only %d of %d subscribers told within 10 s%n", t, delivered.get() - before, receivers);
            }
            Thread.sleep(200);
        }
        Thread.sleep(1000);
        sockets.forEach(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "done"));

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%d tasks published one at a time, %d events expected at 德民's subscribers, %d received; "
                + "events at the other community's subscribers: %d%n", tasks, tasks * receivers, sorted.size(), outOfScope.get());
        if (!sorted.isEmpty()) {
            System.out.printf("publish → event at a subscribed client: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                    ms(sorted, 0.50), ms(sorted, 0.95), sorted.getLast() / 1e6);
        }
        System.exit(0);
    }

    static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    static String post(String url, String token, String query) throws Exception {
        String body = "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** One connection with one subscription to tasksPublished. */
    static final class Subscriber implements WebSocket.Listener {

        final String token;
        final boolean inScope;
        final CountDownLatch acked;
        final StringBuilder text = new StringBuilder();
        /** The JDK's WebSocket takes one send at a time: each waits for the one before. */
        CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

        synchronized void send(WebSocket socket, String message) {
            sending = sending.thenCompose(done -> socket.sendText(message, true));
        }

        Subscriber(String token, boolean inScope, CountDownLatch acked) {
            this.token = token;
            this.inScope = inScope;
            this.acked = acked;
        }

        @Override
        public void onOpen(WebSocket socket) {
            send(socket, "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}");
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long at = System.nanoTime();
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                if (System.getenv("VERBOSE") != null) {
                    System.err.println("received: " + message);
                }
                if (message.contains("\"connection_ack\"")) {
                    send(socket, "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                            + "\"subscription { tasksPublished { id title state } }\"}}");
                    acked.countDown();
                } else if (message.contains("\"type\":\"next\"")) {
                    received(message, at);
                } else if (message.contains("\"type\":\"ping\"")) {
                    send(socket, "{\"type\":\"pong\"}");
                }
            }
            socket.request(1);
            return null;
        }

        void received(String message, long at) {
            if (!inScope) {
                outOfScope.incrementAndGet();
                return;
            }
            Matcher id = EVENT_TASK.matcher(message);
            Long sent = id.find() ? published.get(id.group(1)) : null;
            if (sent != null && sent > 0) {
                latencies.add(at - sent);
            }
            delivered.incrementAndGet();
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
