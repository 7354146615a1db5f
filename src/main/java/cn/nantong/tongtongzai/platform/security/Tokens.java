package cn.nantong.tongtongzai.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs HS256 tokens the way an issuer would, for local use, the demo and tests. Production tokens come from the
 * city's identity provider; this class is what the {@code token} command runs.
 */
public final class Tokens {

    private final byte[] secret;
    private final String issuer;

    public Tokens(String secret, String issuer) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.issuer = issuer;
    }

    /** A token for the actor, valid for {@code lifetime} from now. */
    public String issue(Actor actor, Duration lifetime) {
        Instant now = Instant.now();
        return sign(claims(actor), now, now.plus(lifetime));
    }

    /** A token with exactly these claims, issued and expiring when given (tests of expired tokens). */
    public String sign(Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        var builder = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).issueTime(Date.from(issuedAt));
        if (expiresAt != null) {
            builder.expirationTime(Date.from(expiresAt));
        }
        if (issuer != null && !issuer.isBlank()) {
            builder.issuer(issuer);
        }
        claims.forEach(builder::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Cannot sign: " + e.getMessage(), e);
        }
    }

    /** The claims a token for this actor carries. */
    public static Map<String, Object> claims(Actor actor) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", actor.id());
        claims.put("roles", actor.roles().stream().map(Role::name).sorted().toList());
        put(claims, "member_id", actor.memberId());
        put(claims, "resident_id", actor.residentId());
        put(claims, "community_id", actor.communityId());
        put(claims, "grid_id", actor.gridId());
        put(claims, "group_id", actor.groupId());
        put(claims, "unit_id", actor.unitId());
        put(claims, "street_id", actor.streetId());
        if (actor.namesGranted()) {
            claims.put("grants", List.of("NAMES"));
        }
        return claims;
    }

    private static void put(Map<String, Object> claims, String name, String value) {
        if (value != null) {
            claims.put(name, value);
        }
    }
}
