package cn.nantong.tongtongzai.task;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * 岗位 verification codes that change with time (security probe, issue 19, finding 3: a post's code never changed, so
 * one visit to the post gave a code for ever). A post keeps a random secret ({@code codeSecret}); its code for a
 * window of time — a day by default, windows start at Nantong midnight — is six digits of an HMAC-SHA256 of the
 * window's number under that secret (the truncation of RFC 4226). The post's managers read today's code
 * ({@code ServicePost.verificationCode}); the previous window's is still taken for a short grace after the change.
 */
@Component
@EnableConfigurationProperties(ServicePostProperties.class)
class PostCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration window;
    private final Duration grace;

    PostCodes(Clock clock, ServicePostProperties properties) {
        Duration window = properties.codeWindow();
        Duration grace = properties.codeGrace();
        if (window.toSeconds() < 60 || grace.isNegative() || grace.compareTo(window) >= 0) {
            throw new IllegalArgumentException("tongtong.service-posts.code-window must be at least a minute, the grace shorter");
        }
        this.clock = clock;
        this.window = window;
        this.grace = grace;
    }

    /** A new post's secret: 256 random bits. */
    static String newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The code of the current window; null for a post without a secret. */
    String current(String secret) {
        return secret == null ? null : code(secret, windowOf(clock.instant()));
    }

    /** The current window's code, or the previous one's during the grace after the change. */
    boolean accepts(String secret, String given) {
        if (secret == null || given == null) {
            return false;
        }
        Instant now = clock.instant();
        long current = windowOf(now);
        boolean right = same(code(secret, current), given.strip());
        boolean inGrace = windowOf(now.minus(grace)) < current;
        return right | (inGrace && same(code(secret, current - 1), given.strip()));
    }

    /** Windows counted from 1970-01-01 00:00 Nantong time, so that daily windows change at local midnight. */
    private long windowOf(Instant at) {
        long offset = clock.getZone().getRules().getOffset(at).getTotalSeconds();
        return Math.floorDiv(at.getEpochSecond() + offset, window.toSeconds());
    }

    static String code(String secret, long window) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(window).array());
            int at = hash[hash.length - 1] & 0x0f;
            int bits = ((hash[at] & 0x7f) << 24) | ((hash[at + 1] & 0xff) << 16) | ((hash[at + 2] & 0xff) << 8) | (hash[at + 3] & 0xff);
            return "%06d".formatted(bits % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
