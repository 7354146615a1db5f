package cn.nantong.tongtongzai.support;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.dataset.DatasetLoader;
import cn.nantong.tongtongzai.knowledge.RequestClassifier;
import cn.nantong.tongtongzai.dataset.Scale;
import cn.nantong.tongtongzai.platform.migration.Migration;
import cn.nantong.tongtongzai.platform.migration.MigrationRunner;

/** Gives each test an empty graph with the migrated schema and reference data, as start-up leaves it. */
@Component
public class TestDatabase {

    private final Driver driver;
    private final RequestClassifier classifier;
    private final MigrationRunner migrations;
    private final DatasetLoader datasets;
    private String pristineReferenceCounts;

    TestDatabase(Driver driver, MigrationRunner migrations, DatasetLoader datasets, RequestClassifier classifier) {
        this.driver = driver;
        this.classifier = classifier;
        this.migrations = migrations;
        this.datasets = datasets;
    }

    /** The generated `tiny` data set: 城东街道 with 德民社区 and 小石桥社区, 40 members, 4 units. */
    public void loadTiny() {
        datasets.load(datasets.generate(Scale.TINY), line -> { });
    }

    public void reset() {
        try (Session session = driver.session()) {
            if (!ReferenceData.touchedSinceLastAsked() && referenceCounts(session).equals(pristineReferenceCounts)) {
                // the migrations' reference data is as they left it: keep it, and the schema
                session.run("MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:" + String.join(" AND NOT n:", ReferenceData.LABELS)
                        + " DETACH DELETE n").consume();
            } else {
                session.run("MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n").consume();
                // Migrations are idempotent: running them again restores reference data they create.
                for (Migration migration : migrations.load()) {
                    migration.statements().forEach(statement -> session.run(statement).consume());
                }
                ReferenceData.rebuilt();
                pristineReferenceCounts = referenceCounts(session);
            }
        }
        classifier.reload(); // keywords learned in an earlier test are gone from the graph: forget them too
    }

    /** A second check beside {@link ReferenceData}'s watch, from Neo4j's count store: cheap. */
    private static String referenceCounts(Session session) {
        return session.run("""
                RETURN [COUNT { (:PostCategory) }, COUNT { (:Skill) }, COUNT { (:Occupation) }, COUNT { (:ExampleRequest) },
                        COUNT { ()-[:SERVES]->() }, COUNT { ()-[:BROADER]->() }, COUNT { ()-[:EXAMPLE_OF]->() },
                        COUNT { ()-[:IMPLIES_SKILL]->() }, COUNT { ()-[:SUBSTITUTES]->() }] AS counts""")
                .single().get(0).asList().toString();
    }

    /**
     * Counts of nodes, relationships and their properties, and the total length of names, states and
     * titles: any write a refused mutation might have left changes it. Not counted: the audit log and the counts of
     * wrong verification codes (CodeAttempts), which a refusal writes on purpose.
     */
    public String fingerprint() {
        try (Session session = driver.session()) {
            return session.run("""
                    CALL () { MATCH (n) WHERE NOT n:AuditEntry AND NOT n:CodeAttempts RETURN count(n) AS nodes, sum(size(keys(n))) AS nodeKeys,
                                               sum(size(coalesce(n.name, '')) + size(coalesce(n.state, '')) + size(coalesce(n.title, ''))) AS text }
                    CALL () { MATCH (a)-[r]->() WHERE NOT a:AuditEntry RETURN count(r) AS relationships, sum(size(keys(r))) AS relKeys }
                    RETURN nodes + '/' + nodeKeys + '/' + text + '/' + relationships + '/' + relKeys""").single().get(0).asString();
        }
    }

    public void write(String cypher) {
        try (Session session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run(cypher).consume());
        }
    }
}
