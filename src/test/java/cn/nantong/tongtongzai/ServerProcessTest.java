package cn.nantong.tongtongzai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.nantong.tongtongzai.dataset.DatasetLoader;
import cn.nantong.tongtongzai.dataset.Scale;
import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.Neo4jServerProcess;
import cn.nantong.tongtongzai.support.TestTokens;

/**
 * The service against a Neo4j server in another process, through the routing scheme {@code neo4j://} (as with a
 * cluster or Aura): migrations, a data set load, the whole 四单 flow (writes), a recommendation and the
 * dashboard figures (reads) — nothing depends on the database living in the service's process. The whole suite
 * runs this way with {@code mvn verify -Dtongtong.test.neo4j=process} (README, Tests).
 */
class ServerProcessTest {

    @Test
    void theServiceRunsItsReadAndWritePathsAgainstASeparateServerThroughRouting() {
        try (Neo4jServerProcess server = Neo4jServerProcess.start();
                Driver driver = GraphDatabase.driver(server.routingUri(), AuthTokens.none());
                ConfigurableApplicationContext app = new SpringApplicationBuilder(TongtongzaiApplication.class).run(
                        "--server.port=0", "--spring.neo4j.uri=" + server.routingUri(),
                        "--tongtong.demo-data.enabled=false", "--tongtong.knowledge.backfill-on-start=false")) {
            assertThat(server.pid()).isNotEqualTo(ProcessHandle.current().pid());
            // the server hands out a routing table: who routes, who takes writes, who serves reads
            List<String> roles = driver.executableQuery("CALL dbms.routing.getRoutingTable({}, 'neo4j') YIELD servers "
                    + "UNWIND servers AS s RETURN s.role AS role ORDER BY role").execute().records().stream()
                    .map(r -> r.get("role").asString()).toList();
            assertThat(roles).containsExactly("READ", "ROUTE", "WRITE");

            app.getBean(DatasetLoader.class).load(app.getBean(DatasetLoader.class).generate(Scale.TINY), line -> { });
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            WebTestClient web = WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/graphql")
                    .responseTimeout(Duration.ofSeconds(30))
                    .defaultHeader("Authorization", TestTokens.bearer(TestTokens.cityAdmin("test-admin"))).build();
            HttpGraphQlTester graphQl = HttpGraphQlTester.create(web);

            graphQl.document("{ about { databaseMode schemaVersion } }").execute()
                    .path("about.databaseMode").entity(String.class).isEqualTo("EXTERNAL")
                    .path("about.schemaVersion").entity(Integer.class).satisfies(v -> assertThat(v).isGreaterThanOrEqualTo(11));

            FlowFixture.Served served = new FlowFixture(graphQl, driver).servedAndRatedRequest();

            graphQl.document("""
                    query($task: ID!, $claim: ID!) {
                      task(id: $task) { state claims { id } }
                      claim(id: $claim) { state evaluations { score } }
                    }""").variable("task", served.task()).variable("claim", served.claim()).execute()
                    .path("task.state").entity(String.class).isEqualTo("COMPLETED")
                    .path("claim.evaluations[*].score").entityList(Integer.class).hasSize(3);
            graphQl.document("query($t: ID!) { recommendMembers(taskId: $t, first: 3) { rank feasible } }")
                    .variable("t", served.openTask()).execute()
                    .path("recommendMembers[0].rank").entity(Integer.class).isEqualTo(1);
            graphQl.document("query($id: ID!) { figures(scope: COMMUNITY, id: $id) { serviceHours satisfactionRate } }")
                    .variable("id", FlowFixture.DEMIN).execute()
                    .path("figures.satisfactionRate").entity(Double.class).satisfies(rate -> assertThat(rate).isBetween(0.0, 1.0));
        }
    }
}
