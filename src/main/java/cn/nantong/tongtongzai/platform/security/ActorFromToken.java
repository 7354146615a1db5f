package cn.nantong.tongtongzai.platform.security;

import java.time.Instant;
import java.util.Map;

import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Puts the {@link Actor} of each GraphQL operation into its context under "actor" (and its {@link SignedIn}). Over
 * HTTP the security filter authenticated the bearer token, and interceptors run on that servlet thread. A WebSocket
 * carries no header a browser can set: the token comes in the {@code connection_init} payload
 * ({@code {"Authorization": "Bearer …"}}), checked here with the same decoder and claims; without a valid one the
 * connection is closed (4401) before any operation runs.
 */
@Component
class ActorFromToken implements WebSocketGraphQlInterceptor {

    private static final String SESSION_KEY = ActorFromToken.class.getName() + ".signedIn";
    private static final String BEARER = "bearer ";

    private final JwtDecoder decoder;

    ActorFromToken(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        SignedIn signedIn = request instanceof WebSocketGraphQlRequest webSocket
                ? (SignedIn) webSocket.getSessionInfo().getAttributes().get(SESSION_KEY) : overHttp();
        if (signedIn == null) { // the handler refuses operations before connection_init; this is a second lock
            throw AccessRefusedException.forbidden("匿名访问");
        }
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(context -> context
                .put("actor", signedIn.actor()).put(SignedIn.KEY, signedIn)).build());
        return chain.next(request);
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        return Mono.fromCallable(() -> {
            Jwt jwt = decode(authorization(payload));
            session.getAttributes().put(SESSION_KEY, new SignedIn(ActorAuthenticationConverter.actor(jwt), jwt.getExpiresAt(), true));
            return Map.of();
        });
    }

    private static SignedIn overHttp() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        Instant expiresAt = authentication instanceof JwtAuthenticationToken token ? token.getToken().getExpiresAt() : null;
        return new SignedIn(Actor.of(authentication), expiresAt, false);
    }

    private Jwt decode(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new InvalidBearerTokenException("connection_init carries no bearer token");
        }
        try {
            return decoder.decode(authorization.substring(BEARER.length()).strip());
        } catch (JwtException invalid) {
            throw new InvalidBearerTokenException(invalid.getMessage(), invalid);
        }
    }

    /** The payload's "Authorization" entry, whatever its case. */
    private static String authorization(Map<String, Object> payload) {
        if (payload == null) {
            return null;
        }
        return payload.entrySet().stream().filter(e -> "authorization".equalsIgnoreCase(e.getKey()))
                .map(e -> e.getValue() instanceof String value ? value : null).findFirst().orElse(null);
    }
}
