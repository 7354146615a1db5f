package cn.nantong.tongtongzai.platform.graphql;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.nantong.tongtongzai.support.IntegrationTest;

/**
 * The service with a short request timeout and no cost limit, so that a real document runs long enough to meet
 * the timeout (a test's own context: the other tests keep 30 s and the limit). Documents with a cost of 1,000 or
 * more count as expensive here.
 */
@TestPropertySource(properties = {"tongtong.graphql.request-timeout=4s",
        "tongtong.graphql.max-cost=9223372036854775807", "tongtong.graphql.expensive-cost=1000"})
abstract class SlowDocumentsTest extends IntegrationTest {

    /**
     * The probe's cycle street → communities(first: 100) → street, four levels with {@code aliases} aliases a level,
     * written with fragments so that it stays small: (2 × aliases)⁴ communities on the tiny data set's street of two
     * communities. 160,000 with 10 aliases took 3 s on an idle CI machine — inside the 4 s timeout, so the tests
     * failed there; they use 30 aliases, 13 million communities, over a minute of work on any machine here.
     */
    static String slow(int aliases) {
        StringBuilder document = new StringBuilder("query Slow { street(id: \"320613001\") { ...L0 } }");
        for (int level = 0; level < 4; level++) {
            document.append(" fragment L").append(level).append(" on Street { id name");
            for (int a = 0; a < aliases; a++) {
                document.append(" c").append(a).append(": communities(first: 100) { edges { node { id name")
                        .append(level < 3 ? " street { ...L" + (level + 1) + " }" : "").append(" } } }");
            }
            document.append(" }");
        }
        return document.toString();
    }

    /** Costs 20,302 (expensive here) and reads two communities. */
    static final String EXPENSIVE_BUT_QUICK = "{ streets(first: 100) { edges { node { communities(first: 100) { edges { node { id } } } } } } }";

    static EntityExchangeResult<String> post(WebTestClient client, String document) {
        return client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", document)).exchange().expectBody(String.class).returnResult();
    }
}
