package cn.nantong.tongtongzai.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import cn.nantong.tongtongzai.platform.security.Tokens;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;

/**
 * The `prod` profile: no GraphiQL, no schema printer, no introspection, and only tokens signed with the
 * deployment's own key; queries work as before.
 */
@ActiveProfiles("prod")
@TestPropertySource(properties = "tongtong.security.jwt.secret=" + ProdProfileTest.SECRET)
class ProdProfileTest extends IntegrationTest {

    static final String SECRET = "a-deployment-secret-that-only-the-issuer-knows";

    @BeforeEach
    void signInWithTheDeploymentKey() {
        String token = new Tokens(SECRET, "tongtongzai").issue(TestTokens.cityAdmin("prod-admin"), Duration.ofHours(1));
        graphQl = anonymous.mutate().header(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
        web = anonymousWeb.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
    }

    @Test
    void introspectionAndGraphiqlAreOffButQueriesWork() {
        graphQl.document("{ __schema { types { name } } }").execute().errors()
                .satisfy(errors -> assertThat(errors).isNotEmpty());
        web.get().uri("/graphiql").exchange().expectStatus().isNotFound();
        // nor its sign-in helper, which would hand out demo tokens, nor its scripts without a token
        web.get().uri("/graphiql/demo-tokens").exchange().expectStatus().isNotFound();
        anonymousWeb.get().uri("/graphiql/demo-tokens").exchange().expectStatus().isNotFound();
        anonymousWeb.get().uri("/webjars/graphiql/graphiql.min.js").exchange().expectStatus().isUnauthorized();
        // the console's pages stay (its sign-in will be the identity provider's), its demo sign-in does not
        anonymousWeb.get().uri("/console/").exchange().expectStatus().isOk();
        anonymousWeb.get().uri("/console/demo-tokens").exchange().expectStatus().isNotFound();
        web.get().uri("/graphql/schema").exchange().expectStatus().isNotFound();
        graphQl.document("{ skills { id } }").execute().path("skills").hasValue();
    }

    @Test
    void tokensSignedWithThePublishedDemoSecretAreRefused() {
        anonymousWeb.post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.cityAdmin("demo")))
                .header(HttpHeaders.CONTENT_TYPE, "application/json").bodyValue("{\"query\":\"{ skills { id } }\"}")
                .exchange().expectStatus().isUnauthorized();
    }
}
