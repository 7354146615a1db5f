package cn.nantong.tongtongzai.platform.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A request from this machine to this machine by a loopback name: the client's address is loopback and the
 * {@code Host} it asked for is localhost, 127.0.0.1 or [::1]. A page of another site whose host name was made to
 * point at 127.0.0.1 (DNS rebinding) still sends its own host name, so it does not pass; nor does a request a
 * reverse proxy on this machine forwards for someone else (it says so in {@code Forwarded} / {@code X-Forwarded-For}).
 */
public final class LoopbackRequest {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private LoopbackRequest() {
    }

    public static boolean fromThisMachine(HttpServletRequest request) {
        boolean proxied = request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null;
        return !proxied && isLoopbackAddress(request.getRemoteAddr()) && isLoopbackName(request.getHeader("Host"));
    }

    private static boolean isLoopbackName(String host) {
        if (host == null) {
            return false;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        int port = name.lastIndexOf(':');
        if (port > name.lastIndexOf(']')) {
            name = name.substring(0, port);
        }
        return LOOPBACK_NAMES.contains(name);
    }

    private static boolean isLoopbackAddress(String address) {
        if (address == null || !address.matches("[0-9a-fA-F:.]+")) {
            return false; // a literal address only: never look a name up
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
