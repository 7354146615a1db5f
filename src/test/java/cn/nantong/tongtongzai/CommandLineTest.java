package cn.nantong.tongtongzai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.boot.SpringApplication;

import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4j;
import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4jProperties;
import cn.nantong.tongtongzai.support.FreePort;

/** The jar's data tool runs the way README's `dataset generate` does: no web server, its own embedded store. */
class CommandLineTest {

    @TempDir
    Path store;

    @Test
    void datasetGenerateLoadsAScaleIntoAFreshStoreWithoutAWebServer() {
        int bolt = FreePort.find();
        int exit = SpringApplication.exit(TongtongzaiApplication.commandLine(new String[] {"dataset", "generate", "--scale=tiny",
                "--tongtong.neo4j.embedded.directory=" + store, "--tongtong.neo4j.embedded.bolt-port=" + bolt},
                TongtongzaiApplication.DATASET_FLAGS));
        assertThat(exit).isZero();
        // the tool generated the Bolt password into the store; opening it again uses the same one
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(EmbeddedNeo4jProperties.at(store, FreePort.find()));
                Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic("neo4j", neo4j.password().orElseThrow()))) {
            assertThat(driver.executableQuery("MATCH (m:Member) RETURN count(m)").execute().records().getFirst().get(0).asLong())
                    .isEqualTo(40);
        }
    }
}
