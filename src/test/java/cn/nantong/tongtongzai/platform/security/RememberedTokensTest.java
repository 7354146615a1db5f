package cn.nantong.tongtongzai.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import cn.nantong.tongtongzai.support.TestTokens;

/** Remembered tokens skip the signature check, never the claims: a remembered token still expires on time. */
class RememberedTokensTest {

    private static final JwtProperties PROPERTIES = new JwtProperties(null, null, null, null);
    private static final Instant NOW = Instant.parse("2026-12-03T02:00:00Z");

    private final MovableClock clock = new MovableClock(NOW);
    private final AtomicInteger verifications = new AtomicInteger();
    private final RememberedTokens tokens = new RememberedTokens(countingVerifier(),
            SecurityConfiguration.claims(PROPERTIES, clock), 2);

    @Test
    void aTokenIsVerifiedOnceAndItsClaimsOnEveryUse() {
        String token = TestTokens.TOKENS.sign(Tokens.claims(TestTokens.cityAdmin("张科长")), NOW, NOW.plus(Duration.ofHours(1)));
        assertThat(tokens.decode(token).getSubject()).isEqualTo("张科长");
        assertThat(tokens.decode(token).getSubject()).isEqualTo("张科长");
        assertThat(verifications).hasValue(1);

        clock.now = NOW.plus(Duration.ofHours(1)).plusSeconds(61); // past the expiry and the minute of clock skew
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(tokens.size()).as("an expired token is forgotten").isZero();
    }

    @Test
    void aTokenWithAnotherSignatureIsRefusedAndNotRemembered() {
        String token = new Tokens("another-secret-that-is-long-enough-for-hs256", "tongtongzai")
                .sign(Tokens.claims(TestTokens.cityAdmin("冒充者")), NOW, NOW.plus(Duration.ofHours(1)));
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenFromAnotherIssuerIsRefusedThoughItsSignatureIsGood() {
        String token = new Tokens(JwtProperties.DEMO_SECRET, "elsewhere")
                .sign(Tokens.claims(TestTokens.cityAdmin("张科长")), NOW, NOW.plus(Duration.ofHours(1)));
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void itRemembersAtMostItsCapacityForgettingTheLeastRecentlyUsed() {
        String a = token("甲");
        String b = token("乙");
        String c = token("丙");
        tokens.decode(a);
        tokens.decode(b);
        tokens.decode(a); // a is now more recent than b
        tokens.decode(c); // b goes
        assertThat(tokens.size()).isEqualTo(2);
        int before = verifications.get();
        tokens.decode(a);
        assertThat(verifications).as("a was kept").hasValue(before);
        tokens.decode(b);
        assertThat(verifications).as("b was forgotten").hasValue(before + 1);
    }

    private String token(String subject) {
        return TestTokens.TOKENS.sign(Tokens.claims(TestTokens.cityAdmin(subject)), NOW, NOW.plus(Duration.ofHours(1)));
    }

    private JwtDecoder countingVerifier() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(
                JwtProperties.DEMO_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).macAlgorithm(MacAlgorithm.HS256).build();
        nimbus.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        return token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
