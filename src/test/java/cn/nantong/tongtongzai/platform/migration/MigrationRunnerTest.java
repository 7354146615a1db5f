package cn.nantong.tongtongzai.platform.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import cn.nantong.tongtongzai.platform.StartupRefusedException;
import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4j;
import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4jProperties;
import cn.nantong.tongtongzai.support.FreePort;

/** The runner on a database of its own, since the shared test database carries the real migrations. */
class MigrationRunnerTest {

    @TempDir
    static Path store;

    static EmbeddedNeo4j neo4j;
    static Driver driver;

    @TempDir
    Path files;

    @BeforeAll
    static void start() {
        neo4j = EmbeddedNeo4j.start(EmbeddedNeo4jProperties.at(store, FreePort.find()));
        driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic("neo4j", neo4j.password().orElseThrow()));
    }

    @AfterAll
    static void stop() {
        driver.close();
        neo4j.close();
    }

    @BeforeEach
    void emptyDatabase() {
        driver.executableQuery("MATCH (n) DETACH DELETE n").execute();
        driver.executableQuery("DROP CONSTRAINT thing_id IF EXISTS").execute();
        driver.executableQuery("DROP INDEX thing_name IF EXISTS").execute();
    }

    @Test
    void appliesPendingFilesInVersionOrderOnceAndRecordsThem() throws IOException {
        write("V002__seed.cypher", """
                // data after schema: needs the constraint of V001
                MERGE (:Thing {id: 1, name: 'one'});
                MERGE (:Thing {id: 2,
                               name: 'two; with a semicolon inside'});
                """);
        write("V001__keys.cypher", """
                CREATE CONSTRAINT thing_id IF NOT EXISTS FOR (n:Thing) REQUIRE n.id IS UNIQUE;
                CREATE INDEX thing_name IF NOT EXISTS FOR (n:Thing) ON (n.name);
                """);

        assertThat(runner().migrate()).extracting(Migration::version).containsExactly(1, 2);
        assertThat(runner().migrate()).isEmpty();

        assertThat(count("MATCH (n:Thing) RETURN count(n)")).isEqualTo(2);
        assertThat(count("MATCH (m:SchemaMigration) RETURN count(m)")).isEqualTo(2);
        assertThat(count("SHOW CONSTRAINTS YIELD name WHERE name = 'thing_id' RETURN count(*)")).isEqualTo(1);
    }

    @Test
    void refusesToStartWhenAnAppliedFileWasEdited() throws IOException {
        write("V001__keys.cypher", "CREATE CONSTRAINT thing_id IF NOT EXISTS FOR (n:Thing) REQUIRE n.id IS UNIQUE;\n");
        runner().migrate();

        write("V001__keys.cypher", "CREATE CONSTRAINT thing_id IF NOT EXISTS FOR (n:Thing) REQUIRE n.name IS UNIQUE;\n");
        write("V002__more.cypher", "MERGE (:Thing {id: 3});\n");

        assertThatThrownBy(() -> runner().migrate())
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("V001__keys.cypher was edited after it was applied");
        assertThat(count("MATCH (n:Thing) RETURN count(n)")).as("nothing pending was applied").isZero();
    }

    @Test
    void refusesAMissingAppliedFileAndANewFileOlderThanTheAppliedOnes() throws IOException {
        write("V002__keys.cypher", "CREATE CONSTRAINT thing_id IF NOT EXISTS FOR (n:Thing) REQUIRE n.id IS UNIQUE;\n");
        runner().migrate();

        write("V001__late.cypher", "MERGE (:Thing {id: 1});\n");
        assertThatThrownBy(() -> runner().migrate()).hasMessageContaining("older than version 2");

        Files.delete(files.resolve("V001__late.cypher"));
        Files.delete(files.resolve("V002__keys.cypher"));
        assertThatThrownBy(() -> runner().migrate()).hasMessageContaining("its file is missing");
    }

    @Test
    void twoRunnersStartingTogetherApplyEachMigrationOnce() throws Exception {
        write("V001__keys.cypher", "CREATE CONSTRAINT thing_id IF NOT EXISTS FOR (n:Thing) REQUIRE n.id IS UNIQUE;\n");
        // long enough that a runner not waiting for the other would start it too
        write("V002__rows.cypher", "UNWIND range(1, 20000) AS i CREATE (:Row {i: i});\n");
        write("V003__seed.cypher", "CREATE (:Thing {id: 1});\n");

        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Migration>>> runs = new ArrayList<>();
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            for (int replica = 0; replica < 2; replica++) {
                runs.add(replicas.submit(() -> {
                    start.await();
                    return runner().migrate();
                }));
            }
            start.countDown();
        }
        List<Integer> applied = new ArrayList<>();
        for (Future<List<Migration>> run : runs) {
            run.get().forEach(m -> applied.add(m.version())); // neither failed
        }
        assertThat(applied).as("between them, each version once").containsExactlyInAnyOrder(1, 2, 3);
        assertThat(count("MATCH (n:Row) RETURN count(n)")).isEqualTo(20_000);
        assertThat(count("MATCH (n:Thing) RETURN count(n)")).isEqualTo(1);
        assertThat(count("MATCH (m:SchemaMigration) RETURN count(m)")).isEqualTo(3);
    }

    @Test
    void refusesBadlyNamedFiles() throws IOException {
        write("add_things.cypher", "MERGE (:Thing {id: 1});\n");
        assertThatThrownBy(() -> runner().migrate()).hasMessageContaining("is not named V###__name.cypher");
    }

    private MigrationRunner runner() {
        return new MigrationRunner(driver, files.toUri().toString());
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(files.resolve(name), content);
    }

    private long count(String cypher) {
        return driver.executableQuery(cypher).execute().records().getFirst().get(0).asLong();
    }
}
