package cn.nantong.tongtongzai.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.platform.migration.MigrationRunner;
import cn.nantong.tongtongzai.support.IntegrationTest;

/** Start-up against an external database: migrations, health, GraphiQL, Neo4j Browser, about. */
class PlatformTest extends IntegrationTest {

    @Autowired
    Driver driver;

    @Autowired
    MigrationRunner migrations;

    @Test
    void migrationsCreatedTheConstraintsAndRecordedTheirChecksums() {
        try (var session = driver.session()) {
            List<String> constraints = session.run("SHOW CONSTRAINTS YIELD name RETURN name")
                    .list(r -> r.get("name").asString());
            assertThat(constraints).contains("street_id", "community_id", "schema_migration_version");

            var recorded = session.run("MATCH (m:SchemaMigration {version: 1}) RETURN m.checksum AS checksum").single();
            assertThat(recorded.get("checksum").asString()).isEqualTo(migrations.load().getFirst().checksum());
        }
    }

    @Test
    void aboutReportsAnExternalDatabaseAndTheSchemaVersion() {
        int newest = migrations.load().getLast().version();
        graphQl.document("{ about { databaseMode schemaVersion } }")
                .execute()
                .path("about.databaseMode").entity(String.class).isEqualTo("EXTERNAL")
                .path("about.schemaVersion").entity(Integer.class).isEqualTo(newest);
    }

    @Test
    void healthIncludesTheDatabase() {
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.neo4j.status").isEqualTo("UP");
    }

    @Test
    void servesGraphiQl() {
        web.get().uri("/graphiql?path=/graphql").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("GraphiQL"));
    }

    @Test
    void servesNeo4jBrowserPresetToTheDatabase() {
        String location = web.get().uri("/browser/").exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        // the database's own URI: bolt:// in-process, neo4j:// with -Dtongtong.test.neo4j=process
        assertThat(location).containsPattern("/browser/\\?dbms=(bolt|neo4j)://");

        web.get().uri(location).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("<title>Neo4j Browser</title>"));
        web.get().uri("/browser/manifest.json").exchange().expectStatus().isOk();
    }

    @Test
    void rejectsDocumentsNestedDeeperThanTheLimit() {
        String deep = "{ streets { edges { node { " + "children { edges { node { ".repeat(8) + "id"
                + " } } }".repeat(8) + " } } } }";
        graphQl.document(deep).execute().errors().satisfy(errors -> assertThat(errors).isNotEmpty()
                .allSatisfy(e -> assertThat(e.getExtensions()).containsEntry("code", "QUERY_TOO_DEEP")));
    }
}
