package cn.nantong.tongtongzai.platform.neo4j.bolt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web origins whose pages may talk Bolt over WebSocket: the service's own HTTP origins on loopback (where it
 * serves Neo4j Browser; added once the web server has its port) and the configured ones. Compared as scheme, host
 * and port, the default port left out, as browsers send them.
 */
public final class BoltOrigins {

    private static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> allowed = ConcurrentHashMap.newKeySet();

    /** @throws IllegalArgumentException naming an origin that is not {@code scheme://host[:port]} */
    public BoltOrigins(Collection<String> configured) {
        for (String origin : configured) {
            allowed.add(normalise(origin).orElseThrow(() -> new IllegalArgumentException(origin)));
        }
    }

    /** The service's own origins once its HTTP port is known: http and https on every loopback name. */
    public void allowLoopback(int port) {
        for (String scheme : List.of("http", "https")) {
            for (String host : LOOPBACK_HOSTS) {
                normalise(scheme + "://" + host + ":" + port).ifPresent(allowed::add);
            }
        }
    }

    public boolean allows(String origin) {
        return normalise(origin).map(allowed::contains).orElse(false);
    }

    /** {@code http://LocalHost:80/} → {@code http://localhost}; {@code null} (sandboxed pages) is no origin. */
    static Optional<String> normalise(String origin) {
        try {
            URI uri = new URI(origin.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
