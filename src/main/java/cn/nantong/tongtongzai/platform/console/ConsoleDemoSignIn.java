package cn.nantong.tongtongzai.platform.console;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.nantong.tongtongzai.platform.security.DemoToken;
import cn.nantong.tongtongzai.platform.security.JwtProperties;
import cn.nantong.tongtongzai.platform.web.DemoTokenAnswer;

/**
 * The console's sign-in in the default profile: {@code GET /console/demo-tokens} answers a token for each demo user
 * (what {@code token demo} prints), signed with the service's own key. The same rules as GraphiQL's helper, and on
 * its own switch so the console works with GraphiQL off: never in prod (no bean: 404), only to this machine by a
 * loopback name, and 404 when tokens come from a JWK set. Prod signs in through the city's identity provider
 * instead (OpenID Connect, done by the page: see ConsolePages' sign-in.json).
 */
@RestController
@Profile("!prod")
@ConditionalOnBooleanProperty(name = "tongtong.console.enabled", matchIfMissing = true)
class ConsoleDemoSignIn {

    private final JwtProperties properties;
    private final String jwkSetUri;

    ConsoleDemoSignIn(JwtProperties properties, @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri) {
        this.properties = properties;
        this.jwkSetUri = jwkSetUri;
    }

    @GetMapping("/console/demo-tokens")
    ResponseEntity<List<DemoToken>> tokens(HttpServletRequest request) {
        return DemoTokenAnswer.to(request, properties, jwkSetUri);
    }
}
