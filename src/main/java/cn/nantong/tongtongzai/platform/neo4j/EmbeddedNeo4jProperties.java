package cn.nantong.tongtongzai.platform.neo4j;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process database, used when no {@code spring.neo4j.uri} / {@code NEO4J_URI} is configured.
 *
 * @param directory   where the store lives (Neo4j's home; databases under {@code data/})
 * @param boltAddress the address Bolt listens on; anything but loopback requires {@code authEnabled}
 * @param boltPort    the Bolt port (the Neo4j default 7687)
 * @param authEnabled whether Bolt clients must log in as {@code neo4j} with {@code password}
 * @param password    the {@code neo4j} user's password when authentication is enabled
 */
@ConfigurationProperties("tongtong.neo4j.embedded")
public record EmbeddedNeo4jProperties(
        @DefaultValue("./data/neo4j") Path directory,
        @DefaultValue("127.0.0.1") String boltAddress,
        @DefaultValue("7687") int boltPort,
        @DefaultValue("false") boolean authEnabled,
        String password) {
}
