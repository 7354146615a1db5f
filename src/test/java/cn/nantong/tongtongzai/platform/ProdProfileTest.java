package cn.nantong.tongtongzai.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;

import cn.nantong.tongtongzai.support.IntegrationTest;

/** The `prod` profile: no GraphiQL, no schema printer, no introspection; queries work as before. */
@ActiveProfiles("prod")
class ProdProfileTest extends IntegrationTest {

    @Test
    void introspectionAndGraphiqlAreOffButQueriesWork() {
        graphQl.document("{ __schema { types { name } } }").execute().errors()
                .satisfy(errors -> assertThat(errors).isNotEmpty());
        web.get().uri("/graphiql").exchange().expectStatus().isNotFound();
        web.get().uri("/graphql/schema").exchange().expectStatus().isNotFound();
        graphQl.document("{ skills { id } }").execute().path("skills").hasValue();
    }
}
