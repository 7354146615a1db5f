package cn.nantong.tongtongzai.platform.browser;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4j;

/**
 * Neo4j Browser is served from this service's own origin, so its pages may open Bolt over WebSocket: once the web
 * server has its port, the embedded database allows {@code http(s)://localhost|127.0.0.1|[::1]:<port>}.
 * Other origins (a reverse proxy's public name) come from {@code tongtong.neo4j.embedded.allowed-origins}.
 */
@Component
class BrowserOrigins {

    private final ObjectProvider<EmbeddedNeo4j> embedded;

    BrowserOrigins(ObjectProvider<EmbeddedNeo4j> embedded) {
        this.embedded = embedded;
    }

    @EventListener
    void webServerStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) { // not the management server
            embedded.ifAvailable(neo4j -> neo4j.origins().allowLoopback(event.getWebServer().getPort()));
        }
    }
}
