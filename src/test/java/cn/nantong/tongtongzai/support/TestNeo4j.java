package cn.nantong.tongtongzai.support;

import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * One in-process Neo4j (neo4j-harness, Bolt only) for the whole test run: starting a database per
 * test class would dominate the suite's time. Tests clean it with {@link TestDatabase#reset}.
 */
public final class TestNeo4j {

    private static Neo4j instance;

    private TestNeo4j() {
    }

    public static synchronized Neo4j instance() {
        if (instance == null) {
            instance = Neo4jBuilders.newInProcessBuilder().withDisabledServer()
                    .withConfig(org.neo4j.configuration.GraphDatabaseSettings.db_temporal_timezone, java.time.ZoneOffset.ofHours(8))
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "test-neo4j-shutdown"));
        }
        return instance;
    }
}
