package cn.nantong.tongtongzai.support;

import java.net.URI;
import java.util.Optional;

import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * One Neo4j for the whole test run: starting a database per test class would dominate the suite's time.
 * Tests clean it with {@link TestDatabase#reset}. By default it is in-process (neo4j-harness) and the service
 * reaches it through the in-process driver, as the embedded service does ({@link InProcessTestDriver});
 * with {@code -Dtongtong.test.neo4j=bolt} the service's ordinary driver reaches the same database over Bolt;
 * with {@code -Dtongtong.test.neo4j=process} it is a separate server process reached through {@code neo4j://}
 * (see {@link Neo4jServerProcess}), so the whole suite runs as against a server or cluster.
 */
public final class TestNeo4j {

    private static URI uri;
    private static Neo4j harness;

    private TestNeo4j() {
    }

    public static synchronized URI uri() {
        if (uri == null) {
            if ("process".equals(System.getProperty("tongtong.test.neo4j"))) {
                Neo4jServerProcess server = Neo4jServerProcess.start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-neo4j-shutdown"));
                uri = server.routingUri();
            } else {
                harness = Neo4jBuilders.newInProcessBuilder().withDisabledServer()
                        .withConfig(org.neo4j.configuration.GraphDatabaseSettings.db_temporal_timezone, java.time.ZoneOffset.ofHours(8))
                        .build();
                Runtime.getRuntime().addShutdownHook(new Thread(harness::close, "test-neo4j-shutdown"));
                ReferenceData.watch(harness.databaseManagementService());
                uri = harness.boltURI();
            }
        }
        return uri;
    }

    /** The harness's databases, when they run in this process (not with {@code -Dtongtong.test.neo4j=process}). */
    public static synchronized Optional<DatabaseManagementService> managementService() {
        uri();
        return harness == null ? Optional.empty() : Optional.of(harness.databaseManagementService());
    }

    /** The database the in-process driver works on, unless the suite runs over Bolt or against a process. */
    public static synchronized Optional<GraphDatabaseService> inProcess() {
        uri();
        boolean overBolt = System.getProperty("tongtong.test.neo4j", "").matches("bolt|process");
        return harness == null || overBolt ? Optional.empty() : Optional.of(harness.defaultDatabaseService());
    }
}
