package cn.nantong.tongtongzai.support;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.dataset.DatasetLoader;
import cn.nantong.tongtongzai.dataset.Scale;
import cn.nantong.tongtongzai.platform.migration.Migration;
import cn.nantong.tongtongzai.platform.migration.MigrationRunner;

/** Gives each test an empty graph with the migrated schema and reference data, as start-up leaves it. */
@Component
public class TestDatabase {

    private final Driver driver;
    private final MigrationRunner migrations;
    private final DatasetLoader datasets;

    TestDatabase(Driver driver, MigrationRunner migrations, DatasetLoader datasets) {
        this.driver = driver;
        this.migrations = migrations;
        this.datasets = datasets;
    }

    /** The generated `tiny` data set: 城东街道 with 德民社区 and 小石桥社区, 40 members, 4 units. */
    public void loadTiny() {
        datasets.load(datasets.generate(Scale.TINY), line -> { });
    }

    public void reset() {
        try (Session session = driver.session()) {
            session.run("MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n").consume();
            // Migrations are idempotent: running them again restores reference data they create.
            for (Migration migration : migrations.load()) {
                migration.statements().forEach(statement -> session.run(statement).consume());
            }
        }
    }

    public void write(String cypher) {
        try (Session session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run(cypher).consume());
        }
    }
}
