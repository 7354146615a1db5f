package cn.nantong.tongtongzai.platform.neo4j;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process database, used when no {@code spring.neo4j.uri} / {@code NEO4J_URI} is configured.
 *
 * @param directory      where the store lives (Neo4j's home; databases under {@code data/}), and the generated
 *                       Bolt password ({@code bolt-password})
 * @param boltAddress    the address Bolt listens on; anything but loopback requires {@code authEnabled}
 * @param boltPort       the Bolt port (the Neo4j default 7687)
 * @param authEnabled    whether Bolt clients must log in as {@code neo4j}; on unless turned off, never off in
 *                       the {@code prod} profile
 * @param password       the {@code neo4j} user's password; when empty, one is generated on the first start and
 *                       kept in {@code <directory>/bolt-password}
 * @param allowedOrigins web origins (besides the service's own, where Neo4j Browser is served) whose pages may
 *                       open Bolt over WebSocket, e.g. {@code https://tongtong.example.gov.cn}
 */
@ConfigurationProperties("tongtong.neo4j.embedded")
public record EmbeddedNeo4jProperties(
        @DefaultValue("./data/neo4j") Path directory,
        @DefaultValue("127.0.0.1") String boltAddress,
        @DefaultValue("7687") int boltPort,
        @DefaultValue("true") boolean authEnabled,
        String password,
        @DefaultValue List<String> allowedOrigins) {

    public EmbeddedNeo4jProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    /** The defaults on another store and port: authentication on with a generated password. */
    public static EmbeddedNeo4jProperties at(Path directory, int boltPort) {
        return new EmbeddedNeo4jProperties(directory, "127.0.0.1", boltPort, true, null, List.of());
    }

    /** Without authentication, as {@code tongtong.neo4j.embedded.auth-enabled=false} (not in {@code prod}). */
    public static EmbeddedNeo4jProperties withoutAuthentication(Path directory, int boltPort) {
        return new EmbeddedNeo4jProperties(directory, "127.0.0.1", boltPort, false, null, List.of());
    }
}
