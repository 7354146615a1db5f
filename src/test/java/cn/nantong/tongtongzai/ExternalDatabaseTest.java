package cn.nantong.tongtongzai;

import cn.nantong.tongtongzai.support.TestTokens;
import java.nio.file.Path;

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

/** With NEO4J_URI set the service uses that server, and its health follows the server's. */
class ExternalDatabaseTest {

    @TempDir
    Path store;

    @Test
    void runsAgainstAnExternalServerAndReportsDownWhenItGoesAway() {
        // A separate Neo4j instance stands in for the external server.
        EmbeddedNeo4j server = EmbeddedNeo4j.start(
                new EmbeddedNeo4jProperties(store, "127.0.0.1", FreePort.find(), false, null));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TongtongzaiApplication.class).run(
                "--server.port=0",
                "--spring.neo4j.uri=" + server.boltUri(),
                "--tongtong.demo-data.enabled=true")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            WebTestClient web = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                    .defaultHeader("Authorization", TestTokens.bearer(TestTokens.cityAdmin("test-admin"))).build();

            HttpGraphQlTester.create(web.mutate().baseUrl("http://localhost:" + port + "/graphql").build())
                    .document("{ about { databaseMode } street(id: \"320613001\") { name } }")
                    .execute()
                    .path("about.databaseMode").entity(String.class).isEqualTo("EXTERNAL")
                    .path("street.name").entity(String.class).isEqualTo("城东街道");
            web.get().uri("/actuator/health").exchange().expectStatus().isOk();

            server.close();

            web.get().uri("/actuator/health").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.components.neo4j.status").isEqualTo("DOWN");
        }
    }
}
