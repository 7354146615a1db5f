package cn.nantong.tongtongzai.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;

/**
 * Short-lived links to a spreadsheet download, for pages that cannot send a bearer header from an {@code <a href>}.
 * A link is made for one caller and one file with its parameters, lasts {@link #LIFETIME} and opens once: opening
 * it acts as that caller, so the download's own access rules still decide. Links live in the graph, so any replica
 * honours a link another made and a link opens once across all of them; only a hash of the secret is stored.
 */
@Component
public class DownloadLinks {

    static final Duration LIFETIME = Duration.ofSeconds(60);
    static final String PARAMETER = "link";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;
    private final Clock clock;

    DownloadLinks(Neo4jClient neo4j, WriteTransactions transactions, Clock clock) {
        this.neo4j = neo4j;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A link for a file a page may download. */
    public record DownloadLink(String url, OffsetDateTime expiresAt) {
    }

    /** A file and its parameters in one canonical form: the same file always gives the same text. */
    record Target(String path, Map<String, List<String>> parameters) {

        Target {
            parameters = new TreeMap<>(parameters);
            parameters.remove(PARAMETER);
        }

        String canonical() {
            List<String> pairs = new ArrayList<>();
            parameters.forEach((name, values) -> values.forEach(value -> pairs.add(encode(name) + "=" + encode(value))));
            return pairs.isEmpty() ? path : path + "?" + String.join("&", pairs);
        }

        private static String encode(String text) {
            return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }

    DownloadLink create(Actor actor, Target target) {
        String secret = secret();
        Instant expires = clock.instant().plus(LIFETIME);
        transactions.execute(status -> {
            // links expired a while ago are of no use to anyone: each new one clears a few
            neo4j.query("MATCH (l:DownloadLink) WHERE l.expiresAt < datetime($before) WITH l LIMIT 100 DELETE l")
                    .bind(expires.minus(Duration.ofHours(1)).toString()).to("before").run();
            neo4j.query("""
                    CREATE (l:DownloadLink {hash: $hash, target: $target, expiresAt: datetime($expires),
                            subject: $subject, roles: $roles, memberId: $memberId, residentId: $residentId,
                            communityId: $communityId, gridId: $gridId, groupId: $groupId, unitId: $unitId,
                            streetId: $streetId, namesGranted: $namesGranted})""")
                    .bindAll(properties(actor, hash(secret), target.canonical(), expires)).run();
            return null;
        });
        String url = target.canonical() + (target.parameters().isEmpty() ? "?" : "&") + PARAMETER + "=" + secret;
        return new DownloadLink(url, expires.atZone(clock.getZone()).toOffsetDateTime());
    }

    /**
     * The caller a link was made for, when it is unused, unexpired and for exactly this file and parameters. Any
     * attempt uses the link up, a wrong one too: a link that was tampered with is not tried again.
     */
    Optional<Actor> open(String secret, Target target) {
        Map<String, Object> link = transactions.execute(status -> neo4j.query("""
                        MATCH (l:DownloadLink {hash: $hash})
                        SET l.locked = true REMOVE l.locked
                        WITH l, l.usedAt IS NULL AND l.expiresAt > datetime($now) AND l.target = $target AS valid
                        SET l.usedAt = coalesce(l.usedAt, datetime($now))
                        RETURN valid, l.subject AS subject, l.roles AS roles, l.memberId AS memberId,
                               l.residentId AS residentId, l.communityId AS communityId, l.gridId AS gridId,
                               l.groupId AS groupId, l.unitId AS unitId, l.streetId AS streetId,
                               l.namesGranted AS namesGranted""")
                .bindAll(Map.of("hash", hash(secret), "now", clock.instant().toString(), "target", target.canonical()))
                .fetch().one().orElse(null));
        if (link == null || !Boolean.TRUE.equals(link.get("valid"))) {
            return Optional.empty();
        }
        return Optional.of(actor(link));
    }

    private static Map<String, Object> properties(Actor actor, String hash, String target, Instant expires) {
        Map<String, Object> properties = new java.util.HashMap<>();
        properties.put("hash", hash);
        properties.put("target", target);
        properties.put("expires", expires.toString());
        properties.put("subject", actor.id());
        properties.put("roles", actor.roles().stream().map(Role::name).sorted().toList());
        properties.put("memberId", actor.memberId());
        properties.put("residentId", actor.residentId());
        properties.put("communityId", actor.communityId());
        properties.put("gridId", actor.gridId());
        properties.put("groupId", actor.groupId());
        properties.put("unitId", actor.unitId());
        properties.put("streetId", actor.streetId());
        properties.put("namesGranted", actor.namesGranted());
        return properties;
    }

    @SuppressWarnings("unchecked")
    private static Actor actor(Map<String, Object> link) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        ((List<String>) link.get("roles")).forEach(role -> roles.add(Role.valueOf(role)));
        return new Actor((String) link.get("subject"), roles, (String) link.get("memberId"),
                (String) link.get("residentId"), (String) link.get("communityId"), (String) link.get("gridId"),
                (String) link.get("groupId"), (String) link.get("unitId"), (String) link.get("streetId"),
                Boolean.TRUE.equals(link.get("namesGranted")));
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
