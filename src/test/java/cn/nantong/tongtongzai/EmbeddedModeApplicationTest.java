package cn.nantong.tongtongzai;

import cn.nantong.tongtongzai.support.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.nantong.tongtongzai.support.FreePort;

/** The default way to run: `mvn spring-boot:run` with no NEO4J_URI, i.e. the embedded database plus demo data. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedModeApplicationTest {

    @TempDir
    Path store;

    @Test
    void startsOnTheEmbeddedDatabaseWithDemoDataAndKeepsItAcrossRestarts() {
        int boltPort = FreePort.find();
        for (int start = 0; start < 2; start++) {
            try (ConfigurableApplicationContext app = start(boltPort)) {
                HttpGraphQlTester graphQl = graphQl(app);
                graphQl.document("{ about { databaseMode schemaVersion } street(id: \"320613001\") { name communityCount } }")
                        .execute()
                        .path("about.databaseMode").entity(String.class).isEqualTo("EMBEDDED")
                        .path("street.name").entity(String.class).isEqualTo("城东街道")
                        .path("street.communityCount").entity(Integer.class).isEqualTo(10);
                graphQl.document("{ streets { edges { node { id } } } }")
                        .execute()
                        .path("streets.edges").entityList(Object.class).hasSize(1);
            }
        }
    }

    @Test
    void aTakenBoltPortStopsStartUpWithAReadableReport(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> start(taken.getLocalPort()).close()).isInstanceOf(Exception.class);
            assertThat(output).contains("APPLICATION FAILED TO START")
                    .contains("port is already in use")
                    .contains("tongtong.neo4j.embedded.bolt-port");
        }
    }

    private ConfigurableApplicationContext start(int boltPort) {
        return new SpringApplicationBuilder(TongtongzaiApplication.class).run(
                "--server.port=0",
                "--spring.neo4j.uri=",
                "--tongtong.neo4j.embedded.directory=" + store,
                "--tongtong.neo4j.embedded.bolt-port=" + boltPort,
                "--tongtong.demo-data.enabled=true");
    }

    private static HttpGraphQlTester graphQl(ConfigurableApplicationContext app) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        return HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/graphql")
                .defaultHeader("Authorization", TestTokens.bearer(TestTokens.cityAdmin("test-admin"))).build());
    }
}
