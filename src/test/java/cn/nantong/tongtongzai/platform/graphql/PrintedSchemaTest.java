package cn.nantong.tongtongzai.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;

import cn.nantong.tongtongzai.support.GeneratedFile;
import cn.nantong.tongtongzai.support.IntegrationTest;

/**
 * graphql/schema.printed.graphql is the whole schema the service serves, generated types included (connections,
 * edges, PageInfo), for front-end tools that build a client from the repository (docs/front-ends.md); the prod
 * profile turns introspection off. It must stay what Spring's schema printer answers at /graphql/schema.
 */
class PrintedSchemaTest extends IntegrationTest {

    static final Path PRINTED = Path.of("graphql/schema.printed.graphql");

    @Test
    void theCommittedSchemaIsTheServedOne() {
        String served = web.get().uri("/graphql/schema").accept(MediaType.TEXT_PLAIN).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(served).contains("type PageInfo", "enum ErrorCode", "type Query");
        GeneratedFile.check(PRINTED, served.endsWith("\n") ? served : served + "\n");
    }

    /** It is not a schema source (the .graphqls files are): loading it too would define every type twice. */
    @Test
    void thePrintedSchemaIsNotPackaged() {
        assertThat(new ClassPathResource("graphql/errors.graphqls").exists()).isTrue();
        assertThat(new ClassPathResource("graphql/" + PRINTED.getFileName()).exists()).isFalse();
    }
}
