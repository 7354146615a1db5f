package cn.nantong.tongtongzai.platform.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are checked: an HS256 {@code secret} shared with the issuer, or the issuer's JWK set
 * ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}) when that is set.
 *
 * @param secret   HS256 key, at least 32 bytes; the default one is for demo and tests and refused in prod
 * @param issuer   the {@code iss} every token must carry (blank: not checked)
 * @param lifetime how long tokens from the {@code token} command last
 * @param maxLifetime the longest a token may still be valid for when it arrives: one expiring later is refused,
 *                    so a leaked long-lived token cannot be used for years
 */
@ConfigurationProperties("tongtong.security.jwt")
public record JwtProperties(String secret, String issuer, Duration lifetime, Duration maxLifetime) {

    /** Published in the README for local use: anyone can sign tokens with it. */
    public static final String DEMO_SECRET = "tongtongzai-demo-secret-do-not-use-in-production";

    public JwtProperties {
        secret = secret == null || secret.isBlank() ? DEMO_SECRET : secret;
        issuer = issuer == null ? "tongtongzai" : issuer.strip();
        lifetime = lifetime == null ? Duration.ofHours(12) : lifetime;
        maxLifetime = maxLifetime == null ? Duration.ofHours(24) : maxLifetime;
    }
}
