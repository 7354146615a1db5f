package cn.nantong.tongtongzai.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Past its limit the service answers 503 SERVICE_BUSY at once instead of queueing the request for ever. */
class LoadSheddingTest {

    @Test
    void aRequestBeyondTheLimitIsAnsweredBusyAndTheNextOneAfterARequestEndsRuns() throws Exception {
        LoadShedding shedding = new LoadShedding(1, Duration.ofMillis(200));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        try (ExecutorService first = Executors.newSingleThreadExecutor()) {
            Future<Integer> running = first.submit(() -> {
                MockHttpServletResponse response = new MockHttpServletResponse();
                shedding.doFilter(graphQl(), response, (request, ignored) -> {
                    inside.countDown();
                    await(finish); // a slow request holds the only place
                });
                return response.getStatus();
            });
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            MockHttpServletResponse refused = new MockHttpServletResponse();
            shedding.doFilter(graphQl(), refused, (request, response) -> {
                throw new AssertionError("must not run");
            });
            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
            assertThat(refused.getContentAsString()).contains("\"code\":\"SERVICE_BUSY\"");

            MockHttpServletResponse health = new MockHttpServletResponse();
            MockHttpServletRequest healthRequest = new MockHttpServletRequest("GET", "/actuator/health");
            shedding.doFilter(healthRequest, health, (request, response) -> { });
            assertThat(health.getStatus()).as("only GraphQL is limited").isEqualTo(200);

            finish.countDown();
            assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        }
        MockHttpServletResponse after = new MockHttpServletResponse();
        shedding.doFilter(graphQl(), after, (request, response) -> { });
        assertThat(after.getStatus()).isEqualTo(200);
    }

    private static MockHttpServletRequest graphQl() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
        request.setContentType("application/json");
        return request;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
