package cn.nantong.tongtongzai.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/**
 * Security probe, finding 1: a document that ran past the 30 s timeout was never answered and went on burning CPU
 * after the caller had left, because the timeout only raced the answer. Now the work stops at the deadline: no
 * field is resolved after it, the request's statements are ended, and the caller gets REQUEST_TIMEOUT (503).
 * Here the timeout is 4 s and the document would take minutes.
 */
class RequestTimeoutTest extends SlowDocumentsTest {

    @Autowired
    Driver driver;

    @Test
    void aDocumentRunningPastTheTimeoutIsStoppedAndAnsweredRequestTimeout() throws InterruptedException {
        database.loadTiny();
        WebTestClient member = anonymousWeb.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.bearer(
                TestTokens.user("slow-member", Role.MEMBER, Scope.none().community(FlowFixture.DEMIN)))).build();

        EntityExchangeResult<String> answer = post(member, slow(30));

        assertThat(answer.getStatus().value()).isEqualTo(503);
        assertThat(answer.getResponseBody()).contains("\"code\":\"REQUEST_TIMEOUT\"").contains("4秒")
                .doesNotContain("\"edges\"");
        // nothing of it goes on: no statement runs after the answer, no transaction is left open
        statements.reset();
        Thread.sleep(1_000);
        assertThat(statements.count()).as("statements run after the answer").isZero();
        assertThat(runningTransactions()).isEmpty();
        // the thread that served it serves the next request without a deadline left over
        assertThat(post(member, "{ about { version } }").getResponseBody()).contains("version").doesNotContain("errors");
    }

    private List<String> runningTransactions() {
        return driver.executableQuery("SHOW TRANSACTIONS YIELD transactionId, currentQuery "
                + "WHERE NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' RETURN transactionId + ': ' + currentQuery AS t")
                .execute().records().stream().map(r -> r.get("t").asString()).toList();
    }
}
