package cn.nantong.tongtongzai.platform.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;

import cn.nantong.tongtongzai.platform.security.DemoToken;
import cn.nantong.tongtongzai.platform.security.DemoUsers;
import cn.nantong.tongtongzai.platform.security.JwtProperties;
import cn.nantong.tongtongzai.platform.security.Tokens;

/**
 * The demo users' tokens for a sign-in page (GraphiQL's, the console's): only to a browser on this machine, not
 * through a proxy, and only where the service signs its own tokens (no JWK set); 404 otherwise. Never cached.
 */
public final class DemoTokenAnswer {

    private DemoTokenAnswer() {
    }

    public static ResponseEntity<List<DemoToken>> to(HttpServletRequest request, JwtProperties properties, String jwkSetUri) {
        if (!jwkSetUri.isBlank() || !LoopbackRequest.fromThisMachine(request)) {
            return ResponseEntity.notFound().build();
        }
        Tokens tokens = new Tokens(properties.secret(), properties.issuer());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(DemoUsers.tokens(tokens, properties.lifetime()));
    }
}
