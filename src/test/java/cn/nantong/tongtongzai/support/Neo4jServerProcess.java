package cn.nantong.tongtongzai.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.util.FileSystemUtils;

import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4j;
import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4jProperties;

/**
 * A Neo4j server in a JVM of its own — a separate operating-system process with its own store, reached only
 * over Bolt — so that tests can show nothing depends on the database sharing the service's process. It runs
 * the same Neo4j 2026.08 the service embeds (Community, Bolt only). It stops when its parent closes it or
 * dies: it watches its standard input, which the parent holds.
 */
public final class Neo4jServerProcess implements AutoCloseable {

    private final Process process;
    private final Path store;
    private final int port;

    private Neo4jServerProcess(Process process, Path store, int port) {
        this.process = process;
        this.store = store;
        this.port = port;
    }

    public static Neo4jServerProcess start() {
        try {
            Path store = Files.createTempDirectory("neo4j-server-");
            int port = FreePort.find();
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(List.of(java, "-Xmx1g", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), Neo4jServerProcess.class.getName(), store.resolve("neo4j").toString(),
                    String.valueOf(port)))
                    .redirectErrorStream(true).redirectOutput(store.resolve("server.log").toFile()).start();
            Neo4jServerProcess server = new Neo4jServerProcess(process, store, port);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The routing scheme: the driver asks the server for its routing table, as with a cluster or Aura. */
    public URI routingUri() {
        return URI.create("neo4j://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            try (Driver driver = GraphDatabase.driver(routingUri(), AuthTokens.none())) {
                driver.verifyConnectivity();
                return;
            } catch (RuntimeException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The Neo4j server process did not start; see " + store.resolve("server.log"), notYet);
                }
                sleep(250);
            }
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: the server closes its store cleanly
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FileSystemUtils.deleteRecursively(store.toFile());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server process: {@code <store directory> <Bolt port>}. */
    public static void main(String[] args) throws IOException {
        EmbeddedNeo4j server = EmbeddedNeo4j.start(
                // stands in for a server the suite reaches without credentials
                EmbeddedNeo4jProperties.withoutAuthentication(Path.of(args[0]), Integer.parseInt(args[1])));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "neo4j-server-shutdown"));
        while (System.in.read() != -1) {
            // the parent holds our standard input; end of input means it is gone
        }
        System.exit(0);
    }
}
