package cn.nantong.tongtongzai.platform.graphiql;

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
 * GraphiQL's sign-in helper on the laptop: {@code GET /graphiql/demo-tokens} answers a token for each demo user
 * (what {@code token demo} prints), signed with the service's own key, so the page can fill the Authorization
 * header. Never in prod (the bean does not exist: 404), and otherwise only to requests from this machine by a
 * loopback name, as Neo4j Browser's password page ({@link LoopbackRequest}); also 404 when tokens come from a JWK
 * set, which this service cannot sign for.
 */
@RestController
@Profile("!prod")
@ConditionalOnBooleanProperty("tongtong.graphiql.enabled")
class DemoSignIn {

    private final JwtProperties properties;
    private final String jwkSetUri;

    DemoSignIn(JwtProperties properties, @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri) {
        this.properties = properties;
        this.jwkSetUri = jwkSetUri;
    }

    @GetMapping("/graphiql/demo-tokens")
    ResponseEntity<List<DemoToken>> tokens(HttpServletRequest request) {
        return DemoTokenAnswer.to(request, properties, jwkSetUri);
    }
}
