package cn.nantong.tongtongzai.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/**
 * Security probe, finding 1: one signed-in member could occupy the server with parallel copies of a large document.
 * Now a subject runs at most two expensive documents at once (cost 1,000 or more here); the next is refused at once
 * with TOO_MANY_EXPENSIVE_REQUESTS (429, Retry-After), while other subjects and the same subject's small documents
 * go on, and the places come back when the two end (stopped at the 4 s timeout).
 */
class ExpensiveRequestsTest extends SlowDocumentsTest {

    @Test
    void aSubjectRunsAtMostTwoExpensiveDocumentsAtOnce() throws Exception {
        database.loadTiny();
        WebTestClient member = client("busy-member");
        WebTestClient other = client("other-member");
        List<EntityExchangeResult<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            // three documents that would run until the 4 s timeout, at once: two run, the third is refused at once
            List<Future<EntityExchangeResult<String>>> slow = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                slow.add(pool.submit(() -> post(member, slow(30))));
            }
            EntityExchangeResult<String> refused = refusedFirst(slow);
            assertThat(refused.getStatus().value()).isEqualTo(429);
            assertThat(refused.getResponseBody()).contains("\"code\":\"TOO_MANY_EXPENSIVE_REQUESTS\"");
            assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            // meanwhile someone else's expensive document runs, and so does the member's small one
            assertThat(post(other, EXPENSIVE_BUT_QUICK).getResponseBody()).contains("edges").doesNotContain("errors");
            assertThat(post(member, "{ about { version } }").getResponseBody()).contains("version").doesNotContain("errors");
            for (Future<EntityExchangeResult<String>> answer : slow) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
        }
        assertThat(answers).extracting(a -> a.getStatus().value()).containsExactlyInAnyOrder(503, 503, 429);
        // both ended: the member's places are free again
        assertThat(post(member, EXPENSIVE_BUT_QUICK).getResponseBody()).contains("edges").doesNotContain("errors");
    }

    /** The first of the answers to come back: the refused one, while the two others still run. */
    private static EntityExchangeResult<String> refusedFirst(List<Future<EntityExchangeResult<String>>> answers)
            throws Exception {
        while (true) {
            for (Future<EntityExchangeResult<String>> answer : answers) {
                if (answer.isDone()) {
                    return answer.get();
                }
            }
            Thread.sleep(10);
        }
    }

    private WebTestClient client(String subject) {
        return anonymousWeb.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.bearer(
                TestTokens.user(subject, Role.MEMBER, Scope.none().community(FlowFixture.DEMIN)))).build();
    }
}
