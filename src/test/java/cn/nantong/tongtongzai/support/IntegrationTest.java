package cn.nantong.tongtongzai.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.nantong.tongtongzai.platform.security.Actor;

/**
 * The whole service on a random port against the shared in-process Neo4j, called over real HTTP.
 * All subclasses share one Spring context (same configuration), and each test starts from an empty graph.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tongtong.demo-data.enabled=false", "tongtong.service-records.auto-close=false",
                "tongtong.knowledge.backfill-on-start=false",
                // each test starts from another graph: analysts' cohorts are read afresh for every request
                "tongtong.security.analyst-cohorts.fresh-for=0s",
                "tongtong.security.pseudonym-key=a-test-pseudonym-key-of-thirty-two-characters-or-more",
                // concurrency tests race requests on purpose: on a slow machine they wait for a place rather than
                // meet load shedding (LoadSheddingTest covers that on its own)
                "tongtong.graphql.queue-timeout=30s",
                // the service notices a closed SSE stream only when it next writes to it: a test's subscriptions end
                // within a second of its clients closing them, not 25 s later
                "spring.graphql.http.sse.keep-alive=1s"})
// 2 cores running the service, the solver threads and the tests: allow a slow response rather than fail
@AutoConfigureWebTestClient(timeout = "30s")
@AutoConfigureHttpGraphQlTester
@Import({TestDatabase.class, CypherStatementCounter.class, InProcessTestDriver.class, TestGraphChanges.class, TestClock.class,
        RecordedDocuments.class})
public abstract class IntegrationTest {

    /** Signed in as the city administrator {@code test-admin} (see {@link #signIn}). */
    protected HttpGraphQlTester graphQl;

    /** Plain HTTP, signed in as {@link #graphQl} is. */
    protected WebTestClient web;

    @Autowired
    protected HttpGraphQlTester anonymous;

    @Autowired
    protected WebTestClient anonymousWeb;

    @Autowired
    protected TestDatabase database;

    @Autowired
    protected CypherStatementCounter statements;

    @Autowired
    protected TestClock clock;

    @DynamicPropertySource
    static void neo4j(DynamicPropertyRegistry registry) {
        registry.add("spring.neo4j.uri", () -> TestNeo4j.uri().toString());
    }

    @BeforeEach
    void emptyGraph() {
        database.reset();
        clock.reset();
        signIn(TestTokens.cityAdmin("test-admin"));
    }

    /** From now on {@link #graphQl} and {@link #web} carry a token for the actor. */
    protected void signIn(Actor actor) {
        String bearer = TestTokens.bearer(actor);
        graphQl = as(actor);
        web = anonymousWeb.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, bearer).build();
    }

    /** A tester carrying a token for the actor. */
    protected HttpGraphQlTester as(Actor actor) {
        return anonymous.mutate().header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(actor)).build();
    }
}
