package cn.nantong.tongtongzai.platform.neo4j;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.server.configuration.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.nantong.tongtongzai.platform.StartupRefusedException;
import cn.nantong.tongtongzai.platform.neo4j.bolt.BoltGuard;
import cn.nantong.tongtongzai.platform.neo4j.bolt.BoltOrigins;

/**
 * Neo4j Community running inside this process, reachable over Bolt only, as user {@code neo4j} with a password
 * (see {@link BoltPassword}) unless authentication is turned off, and over WebSocket only from allowed origins.
 * The HTTP connectors stay off: their javax-era Jersey/Jetty clash with Spring Boot 4 (DESIGN.md §3).
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4j.class);

    private final DatabaseManagementService managementService;
    private final EmbeddedNeo4jProperties properties;
    private final boolean loopbackOnly;
    private final String password;
    private final BoltOrigins origins;

    private EmbeddedNeo4j(DatabaseManagementService managementService, EmbeddedNeo4jProperties properties,
            boolean loopbackOnly, String password, BoltOrigins origins) {
        this.managementService = managementService;
        this.properties = properties;
        this.loopbackOnly = loopbackOnly;
        this.password = password;
        this.origins = origins;
    }

    /**
     * Checks the configuration, then opens (or creates) the store and starts Bolt: with authentication (the
     * configured or generated password set before any connection may stay) and the Origin check on every connection.
     */
    public static EmbeddedNeo4j start(EmbeddedNeo4jProperties properties) {
        InetAddress address = resolve(properties.boltAddress());
        if (!address.isLoopbackAddress() && !properties.authEnabled()) {
            throw new StartupRefusedException(
                    "Refusing to expose the embedded Neo4j on " + properties.boltAddress() + ":" + properties.boltPort()
                            + " without authentication: anyone on the network could read and change the data.",
                    "Bind Bolt to loopback (tongtong.neo4j.embedded.bolt-address=127.0.0.1), or remove "
                            + "tongtong.neo4j.embedded.auth-enabled=false (authentication is on by default).");
        }
        BoltOrigins origins = origins(properties);
        String password = properties.authEnabled() ? BoltPassword.resolve(properties) : null;
        if (password == null) {
            log.warn("Bolt authentication is off (tongtong.neo4j.embedded.auth-enabled=false): every process on this "
                    + "machine can read and change the data, phone numbers and audit log included. Never in production.");
        }
        requireFreePort(address, properties.boltPort());

        log.info("Starting embedded Neo4j in {} with Bolt on {}:{}", properties.directory().toAbsolutePath(),
                properties.boltAddress(), properties.boltPort());
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(properties.directory())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(properties.boltAddress(), properties.boltPort()))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, properties.authEnabled())
                // personal data service: no usage reports sent to Neo4j Inc.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // nor from Neo4j Browser, which reads these through dbms.clientConfig(): no usage-data banner, no
                // product analytics or crash reports, guides (:play) only from this machine
                .setConfig(ServerSettings.allow_telemetry, false)
                .setConfig(ServerSettings.browser_remote_content_hostname_whitelist, "localhost")
                // datetime() in Nantong time, so stored times read as 2026-12-05T09:00+08:00, not UTC
                .setConfig(GraphDatabaseSettings.db_temporal_timezone, java.time.ZoneOffset.ofHours(8))
                // Netty's default quiet period holds every shutdown (and restart) for about ten seconds.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ofMillis(100))
                .build();
        EmbeddedNeo4j neo4j = new EmbeddedNeo4j(service, properties, address.isLoopbackAddress(), password, origins);
        try {
            BoltGuard guard = BoltGuard.install(neo4j.system(), origins);
            if (password != null) {
                neo4j.setPassword(password);
            }
            guard.closeEarlierConnections();
        } catch (RuntimeException e) {
            service.shutdown();
            throw e;
        }
        return neo4j;
    }

    private static BoltOrigins origins(EmbeddedNeo4jProperties properties) {
        try {
            return new BoltOrigins(properties.allowedOrigins());
        } catch (IllegalArgumentException e) {
            throw new StartupRefusedException("tongtong.neo4j.embedded.allowed-origins has '" + e.getMessage()
                    + "', which is not a web origin.", "Write origins as scheme://host[:port], e.g. https://tongtong.example.gov.cn.");
        }
    }

    /** The URI the driver (and Neo4j Browser) connects to. */
    public URI boltUri() {
        return URI.create("bolt://" + hostForUri(properties.boltAddress()) + ":" + properties.boltPort());
    }

    public EmbeddedNeo4jProperties properties() {
        return properties;
    }

    /** The {@code neo4j} user's password on Bolt; empty when authentication is off. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Whether Bolt listens on loopback only, i.e. only this machine reaches it. */
    public boolean loopbackOnly() {
        return loopbackOnly;
    }

    /** The web origins whose pages may use Bolt over WebSocket (the service adds its own once it has a port). */
    public BoltOrigins origins() {
        return origins;
    }

    public GraphDatabaseService database() {
        return managementService.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    }

    /** Starts counting the commits that change the service's database (see {@link GraphChanges}). */
    public GraphChanges watchChanges() {
        return GraphChanges.watching(managementService, GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    }

    /** Flushes and closes the store; called on a clean shutdown (SIGTERM, Ctrl-C) by Spring. */
    @Override
    public void close() {
        log.info("Shutting down embedded Neo4j");
        managementService.shutdown();
    }

    private GraphDatabaseService system() {
        return managementService.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    }

    private void setPassword(String password) {
        try {
            system().executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to its current value: then it is already set.
            if (!String.valueOf(e.getMessage()).contains("same")) {
                throw e;
            }
        }
    }

    private static void requireFreePort(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new StartupRefusedException(
                    "The embedded Neo4j cannot listen for Bolt on " + address.getHostAddress() + ":" + port
                            + ": the port is already in use (" + e.getMessage() + ").",
                    "Stop the process using port " + port + ", or choose another port with "
                            + "tongtong.neo4j.embedded.bolt-port (env TONGTONG_NEO4J_EMBEDDED_BOLT_PORT), "
                            + "or connect to that server instead with NEO4J_URI.", e);
        }
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new StartupRefusedException("Unknown Bolt address '" + host + "'.",
                    "Set tongtong.neo4j.embedded.bolt-address to an address of this machine, e.g. 127.0.0.1.", e);
        }
    }

    private static String hostForUri(String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
