package cn.nantong.tongtongzai.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

import cn.nantong.tongtongzai.platform.StartupRefusedException;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;

/**
 * Every request but health, GraphiQL's, Neo4j Browser's and the console's static pages (with the WebJars they load) carries a
 * bearer JWT (a GraphQL WebSocket carries it in its first message instead). Sessions and CSRF tokens are off: there are no cookies to steal. What a signed-in caller may see is
 * decided per field by {@link Access}, not here.
 */
@Configuration
@EnableConfigurationProperties(JwtProperties.class)
class SecurityConfiguration {

    @Bean
    // the jar's command-line tools (dataset, solve export) run without a web server, hence without HTTP security
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain securityFilterChain(HttpSecurity http, DownloadLinks links,
            @Value("${tongtong.graphiql.enabled:false}") boolean graphiql,
            @Value("${tongtong.console.enabled:true}") boolean console) throws Exception {
        var bearer = new BearerTokenAuthenticationEntryPoint();
        http.authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                            .requestMatchers(HttpMethod.GET, "/graphiql", "/graphiql/**", "/browser", "/browser/**",
                                    "/favicon.ico").permitAll();
                    if (graphiql) { // the scripts GraphiQL's page loads, only while it is served; no other WebJar
                        requests.requestMatchers(HttpMethod.GET, "/webjars/graphiql/**", "/webjars/react/**",
                                "/webjars/react-dom/**").permitAll();
                    }
                    if (console) { // the console's pages and the two WebJars they load; its data needs a token
                        requests.requestMatchers(HttpMethod.GET, "/console", "/console/**", "/m", "/m/**",
                                "/webjars/vue/**", "/webjars/echarts/**").permitAll();
                    }
                    requests.requestMatchers("/error").permitAll()
                            // a browser cannot put a header on a WebSocket handshake: the token comes in
                            // connection_init, where ActorFromToken checks it before any operation runs
                            .requestMatchers(SecurityConfiguration::isGraphQlWebSocketHandshake).permitAll()
                            .anyRequest().authenticated();
                })
                // a spreadsheet link from downloadLink signs its one download in (pages' <a href> send no header)
                .addFilterBefore(new DownloadLinkFilter(links), BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(new FormBearerTokens())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ActorAuthenticationConverter()))
                        .authenticationEntryPoint((request, response, failure) -> {
                            // the standard WWW-Authenticate header, and a body a front end can show
                            bearer.commence(request, response, failure);
                            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                            response.getWriter().write("""
                                    {"code":"%s","message":"请先登录：请求需要有效的 Bearer 令牌（JWT）。"}"""
                                    .formatted(ErrorCode.UNAUTHENTICATED));
                        }))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable());
        return http.build();
    }

    private static boolean isGraphQlWebSocketHandshake(jakarta.servlet.http.HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "/graphql".equals(request.getRequestURI())
                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    /**
     * No observation per security filter, per authentication and per authorisation: they cost about 4 % of a
     * request's CPU under load (docs/reliability.md) and nothing reads them; the request as a whole is still
     * observed (http.server.requests).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    JwtDecoder jwtDecoder(JwtProperties properties, Environment environment,
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri) {
        NimbusJwtDecoder decoder;
        if (!jwkSetUri.isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        } else {
            if (environment.acceptsProfiles(Profiles.of("prod")) && properties.secret().equals(JwtProperties.DEMO_SECRET)) {
                throw new StartupRefusedException("The prod profile would accept tokens signed with the published demo secret.",
                        "Set TONGTONG_JWT_SECRET (at least 32 bytes, shared with your token issuer) or "
                                + "spring.security.oauth2.resourceserver.jwt.jwk-set-uri.");
            }
            byte[] key = properties.secret().getBytes(StandardCharsets.UTF_8);
            if (key.length < 32) {
                throw new StartupRefusedException("tongtong.security.jwt.secret is shorter than 32 bytes.",
                        "HS256 needs a key of at least 256 bits: use a longer secret.");
            }
            decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        }
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success()); // the claims are checked below, every time
        return new RememberedTokens(decoder, claims(properties, Clock.systemUTC()), RememberedTokens.CAPACITY);
    }

    /** What a token's claims must say, checked on every request. */
    static OAuth2TokenValidator<Jwt> claims(JwtProperties properties, Clock clock) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        validators.add(timestamps);
        // a token without an expiry would be valid for ever
        validators.add(new JwtClaimValidator<Object>("exp", exp -> exp != null));
        // nor for a hundred years: a token must expire within the longest lifetime the service accepts
        validators.add(new JwtClaimValidator<Object>("exp", exp -> exp instanceof java.time.Instant at
                && at.isBefore(clock.instant().plus(properties.maxLifetime()).plusSeconds(60))));
        if (!properties.issuer().isBlank()) {
            validators.add(new JwtIssuerValidator(properties.issuer()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
