package cn.nantong.tongtongzai.platform.neo4j.bolt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.neo4j.bolt.BoltServer;
import org.neo4j.bolt.protocol.common.connector.Connector;
import org.neo4j.bolt.protocol.common.connector.connection.Connection;
import org.neo4j.bolt.protocol.common.connector.listener.ConnectorListener;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

import cn.nantong.tongtongzai.platform.StartupRefusedException;

/**
 * Puts {@link OriginCheck} in front of every connection of the embedded database's Bolt connectors. This reaches
 * into Neo4j's Bolt server (not a public API): when it is not found the service refuses to start rather than run
 * unchecked, and {@code BoltAccessTest} sends real WebSocket upgrades, so an upgrade of Neo4j that moves it fails
 * loudly.
 */
public final class BoltGuard {

    private final List<Connector<?>> connectors;

    private BoltGuard(List<Connector<?>> connectors) {
        this.connectors = connectors;
    }

    /** From now on every new Bolt connection passes the Origin check first. */
    public static BoltGuard install(GraphDatabaseService database, BoltOrigins origins) {
        List<Connector<?>> connectors = new ArrayList<>();
        for (Connector<?> connector : ((GraphDatabaseAPI) database).getDependencyResolver()
                .resolveDependency(BoltServer.class).getConnectors()) {
            connectors.add(connector);
        }
        if (connectors.isEmpty()) {
            throw new StartupRefusedException("The embedded Neo4j started no Bolt connector to guard.",
                    "Check the Neo4j version (pom: neo4j.version) against platform/neo4j/bolt/BoltGuard.");
        }
        ConnectorListener listener = new ConnectorListener() {
            @Override
            public void onConnectionCreated(Connection connection) {
                // called while Netty sets the channel up, before it reads a byte
                connection.modifyPipeline(pipeline -> pipeline.addFirst(OriginCheck.NAME, new OriginCheck(origins)));
            }
        };
        connectors.forEach(connector -> connector.registerListener(listener));
        return new BoltGuard(List.copyOf(connectors));
    }

    /**
     * Closes every connection opened before this call: those from the moment between Bolt's start and
     * {@link #install} (unchecked), and any that logged in while the {@code neo4j} user still had its old password.
     */
    public void closeEarlierConnections() {
        connectors.forEach(connector -> connector.connectionRegistry().stopAll(Duration.ofSeconds(5)));
    }
}
