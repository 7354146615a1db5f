package cn.nantong.tongtongzai.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real subscription clients against the running service: graphql-transport-ws over a WebSocket (Spring's
 * WebSocketGraphQlClient on the JDK's jakarta.websocket client), and SSE over the JDK's HTTP client. Each
 * {@link Stream} collects what its subscription receives: each payload ("next") as a map, and how it ended.
 */
public final class LiveClients {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;

    public LiveClients(int port) {
        this.port = port;
    }

    /** A WebSocket connection whose connection_init carries this payload (none when null). */
    public WebSocketGraphQlClient webSocket(Map<String, Object> initPayload) {
        return WebSocketGraphQlClient.builder(URI.create("ws://localhost:" + port + "/graphql"), new StandardWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return initPayload == null ? Mono.empty() : Mono.just(initPayload);
                    }
                })
                .build();
    }

    /** A WebSocket connection signed in with "Bearer …". */
    public WebSocketGraphQlClient webSocket(String bearer) {
        return webSocket(Map.of("Authorization", bearer));
    }

    /** Subscribes over the WebSocket connection. */
    public static Stream subscribe(WebSocketGraphQlClient client, String document, Map<String, Object> variables) {
        Stream stream = new Stream();
        stream.subscription = client.document(document).variables(variables).executeSubscription().subscribe(
                response -> stream.received.add(payload(response)),
                failure -> stream.end.complete(failure),
                () -> stream.end.complete(null));
        return stream;
    }

    /** Subscribes over SSE: POST /graphql with Accept: text/event-stream and the bearer header. */
    public Stream sse(String bearer, String document, Map<String, Object> variables) {
        Stream stream = new Stream();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Authorization", bearer).header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", document, "variables", variables))))
                .build();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                String event = null;
                for (String line : (Iterable<String>) response.join().body()::iterator) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:") && "next".equals(event)) {
                        stream.received.add(JSON.readValue(line.substring(5).strip(), Map.class));
                    }
                }
                stream.end.complete(null);
            } catch (RuntimeException failure) {
                stream.end.complete(failure);
            }
        });
        stream.subscription = () -> {
            reader.interrupt();
            response.cancel(true);
            client.shutdownNow();
        };
        return stream;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(ClientGraphQlResponse response) {
        return (Map<String, Object>) (Map<?, ?>) response.toMap();
    }

    /** What one subscription received. */
    public static final class Stream {

        final BlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();
        /** Completed with null when the subscription completed, with the failure when it failed. */
        final CompletableFuture<Throwable> end = new CompletableFuture<>();
        Disposable subscription;

        /** The next payload, waiting up to {@code timeout}; null if none came. */
        public Map<String, Object> next(Duration timeout) {
            try {
                return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Nothing received yet and not ended. */
        public boolean waiting() {
            return received.isEmpty() && !end.isDone();
        }

        /** Everything received and not yet taken. */
        public List<Map<String, Object>> drain() {
            List<Map<String, Object>> all = new ArrayList<>();
            received.drainTo(all);
            return all;
        }

        /** How it ended (null: completed normally), waiting up to {@code timeout}; throws if it has not ended. */
        public Throwable ended(Duration timeout) {
            try {
                return end.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the subscription is still running after " + timeout);
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        public void cancel() {
            subscription.dispose();
        }
    }
}
