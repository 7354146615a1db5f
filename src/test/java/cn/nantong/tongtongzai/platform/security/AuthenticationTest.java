package cn.nantong.tongtongzai.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;

/** Only a valid bearer token gets in; health and the static pages of GraphiQL and Neo4j Browser are open. */
class AuthenticationTest extends IntegrationTest {

    private static final String QUERY = "{\"query\":\"{ about { version } }\"}";

    @Test
    void aValidTokenGetsInAndItsSubjectIsWhoActs() {
        graphQl.document("{ about { version } }").execute().path("about.version").hasValue();
        database.loadTiny();
        as(TestTokens.cityAdmin("张科长")).document("""
                mutation { createTask(input: {communityId: "320613001001", title: "路灯维修", kind: MICRO_SERVICE,
                  difficulty: 1, headcount: 1, startsAt: "2030-01-05T09:00:00+08:00", endsAt: "2030-01-05T11:00:00+08:00",
                  skillIds: ["plumbing_electrical"]}) { task { id history { by } } } }""")
                .execute().path("createTask.task.history[0].by").entity(String.class).isEqualTo("张科长");
    }

    @Test
    void noTokenIsRefusedWithACode() {
        refused(null);
        anonymousWeb.get().uri("/exports/figures.xlsx?scope=CITY").exchange().expectStatus().isUnauthorized();
        anonymousWeb.get().uri("/graphql/schema").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void healthAndTheStaticPagesNeedNoToken() {
        // probe finding 9: the details (data directory, edition, version) were shown to anyone
        anonymousWeb.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.neo4j.status").isEqualTo("UP")
                .jsonPath("$.components.neo4j.details").doesNotExist();
        web.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.neo4j.details").exists();
        anonymousWeb.get().uri("/graphiql?path=/graphql").exchange().expectStatus().is2xxSuccessful();
        anonymousWeb.get().uri("/browser/").exchange().expectStatus().is3xxRedirection();
        anonymousWeb.get().uri("/browser/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        Tokens forger = new Tokens("someone-else-s-secret-of-at-least-32-bytes", "tongtongzai");
        refused(forger.issue(TestTokens.cityAdmin("mallory"), Duration.ofHours(1)));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant now = Instant.now();
        refused(TestTokens.TOKENS.sign(Tokens.claims(TestTokens.cityAdmin("late")), now.minus(Duration.ofHours(3)),
                now.minus(Duration.ofHours(2))));
    }

    @Test
    void aTokenValidForAHundredYearsIsRefused() {
        // probe finding 10: such a token was accepted; tongtong.security.jwt.max-lifetime (24 h) caps it
        Instant now = Instant.now();
        refused(TestTokens.TOKENS.sign(Tokens.claims(TestTokens.cityAdmin("eternal")), now,
                now.plus(Duration.ofDays(36500))));
        refused(TestTokens.TOKENS.sign(Tokens.claims(TestTokens.cityAdmin("two-days")), now, now.plus(Duration.ofHours(25))));
        anonymous.mutate().header(org.springframework.http.HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.TOKENS.sign(
                        Tokens.claims(TestTokens.cityAdmin("a-day")), now, now.plus(Duration.ofHours(23))))
                .build().document("{ me { id } }").execute().path("me.id").entity(String.class).isEqualTo("a-day");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        refused(TestTokens.TOKENS.sign(Tokens.claims(TestTokens.cityAdmin("forever")), Instant.now(), null));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        Tokens other = new Tokens(JwtProperties.DEMO_SECRET, "somewhere-else");
        refused(other.issue(TestTokens.cityAdmin("visitor"), Duration.ofHours(1)));
    }

    @Test
    void aTokenWithoutAKnownRoleIsRefused() {
        Map<String, Object> claims = new LinkedHashMap<>(Tokens.claims(TestTokens.cityAdmin("nobody")));
        claims.put("roles", List.of("SUPERUSER"));
        Instant now = Instant.now();
        refused(TestTokens.TOKENS.sign(claims, now, now.plus(Duration.ofHours(1))));
    }

    @Test
    void anAlteredOrUnsignedTokenIsRefused() {
        String token = TestTokens.TOKENS.issue(new Actor("member-1", java.util.Set.of(Role.MEMBER), "M1", null,
                null, null, null, null, null, false), Duration.ofHours(1));
        String[] parts = token.split("\\.");
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("MEMBER", "CITY_ADMIN");
        String altered = parts[0] + "." + encoder.encodeToString(payload.getBytes()) + "." + parts[2];
        refused(altered);
        String none = encoder.encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + encoder.encodeToString(payload.getBytes()) + ".";
        refused(none);
        refused("not-a-token");
    }

    private void refused(String token) {
        var request = anonymousWeb.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        request.bodyValue(QUERY).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
    }
}
