package cn.nantong.tongtongzai;

import cn.nantong.tongtongzai.support.TestTokens;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4j;
import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4jProperties;
import cn.nantong.tongtongzai.support.FreePort;

/**
 * With NEO4J_URI set the service uses that server, and its health follows the server's: when the server goes
 * away requests fail with DATABASE_UNAVAILABLE and health turns DOWN; when it comes back the service resumes
 * by itself, reads and writes, without a restart.
 */
class ExternalDatabaseTest {

    private static final String POST = """
            mutation { postRequest(input: {residentId: "R000468", text: "楼道灯坏了，晚上看不清"}) { request { id state } } }""";

    @TempDir
    Path store;

    private static boolean up(WebTestClient web) {
        return web.get().uri("/actuator/health").exchange().returnResult(String.class).getStatus().is2xxSuccessful();
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void runsAgainstAnExternalServerFailsClearlyWhileItIsAwayAndResumesWhenItReturns() {
        // A separate Neo4j instance stands in for the external server.
        // with its own password, as a server's: the service logs in with NEO4J_USERNAME / NEO4J_PASSWORD
        EmbeddedNeo4jProperties where = EmbeddedNeo4jProperties.at(store, FreePort.find());
        EmbeddedNeo4j server = EmbeddedNeo4j.start(where);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TongtongzaiApplication.class).run(
                "--server.port=0",
                "--spring.neo4j.uri=" + server.boltUri(),
                "--spring.neo4j.authentication.password=" + server.password().orElseThrow(),
                "--tongtong.demo-data.enabled=true")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            WebTestClient web = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                    .defaultHeader("Authorization", TestTokens.bearer(TestTokens.cityAdmin("test-admin"))).build();

            // a slow answer on a busy 2-core machine is not a failure; a hanging one would be
            HttpGraphQlTester graphQl = HttpGraphQlTester.create(web.mutate().baseUrl("http://localhost:" + port + "/graphql").build())
                    .mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
            graphQl.document("{ about { databaseMode } street(id: \"320613001\") { name } }")
                    .execute()
                    .path("about.databaseMode").entity(String.class).isEqualTo("EXTERNAL")
                    .path("street.name").entity(String.class).isEqualTo("城东街道");
            web.get().uri("/actuator/health").exchange().expectStatus().isOk();

            server.close();

            web.get().uri("/actuator/health").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.components.neo4j.status").isEqualTo("DOWN");
            graphQl.document("{ street(id: \"320613001\") { name } }").execute()
                    .errors().satisfy(errors -> assertThat(errors).singleElement()
                            .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "DATABASE_UNAVAILABLE")));
            graphQl.document(POST).execute()
                    .errors().satisfy(errors -> assertThat(errors).singleElement()
                            .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "DATABASE_UNAVAILABLE")));

            server = EmbeddedNeo4j.start(where); // the same store on the same port: the server is back
            for (int i = 0; i < 60 && !up(web); i++) {
                sleep();
            }
            web.get().uri("/actuator/health").exchange().expectStatus().isOk();
            graphQl.document("{ street(id: \"320613001\") { name } }").execute()
                    .path("street.name").entity(String.class).isEqualTo("城东街道");
            graphQl.document(POST).execute().path("postRequest.request.state").entity(String.class).isEqualTo("SUBMITTED");
        } finally {
            server.close();
        }
    }
}
