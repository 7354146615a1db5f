package cn.nantong.tongtongzai.platform;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4j;

/** graphql/platform.graphqls: {@code about}. */
@Controller
class AboutController {

    enum DatabaseMode { EMBEDDED, EXTERNAL }

    record About(String version, DatabaseMode databaseMode, int schemaVersion) {
    }

    private final Neo4jClient neo4j;
    private final boolean embedded;
    private final String version;

    AboutController(Neo4jClient neo4j, ObjectProvider<EmbeddedNeo4j> embedded, ObjectProvider<BuildProperties> build) {
        this.neo4j = neo4j;
        this.embedded = embedded.getIfAvailable() != null;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties != null ? properties.getVersion() : "development";
    }

    @QueryMapping
    @Transactional(readOnly = true)
    About about() {
        int schemaVersion = neo4j.query("MATCH (m:SchemaMigration) RETURN coalesce(max(m.version), 0)")
                .fetchAs(Integer.class).one().orElse(0);
        return new About(version, embedded ? DatabaseMode.EMBEDDED : DatabaseMode.EXTERNAL, schemaVersion);
    }
}
