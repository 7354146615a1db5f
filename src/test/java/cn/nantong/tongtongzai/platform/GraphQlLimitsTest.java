package cn.nantong.tongtongzai.platform;

import static cn.nantong.tongtongzai.support.FlowFixture.expectError;

import org.junit.jupiter.api.Test;

import cn.nantong.tongtongzai.support.IntegrationTest;

/** A document too deep or too wide is refused before it runs, with a stable code; one within bounds runs. */
class GraphQlLimitsTest extends IntegrationTest {

    @Test
    void aDeepDocumentIsRefusedAndOneWithinTheLimitRuns() {
        // skills → broader → broader …: valid all the way down, 22 fields deep (the limit is 20)
        String deep = "{ skills { " + "broader { ".repeat(20) + "id" + " }".repeat(20) + " } }";
        expectError(graphQl.document(deep).execute(), "QUERY_TOO_DEEP");
        String fine = "{ skills { " + "broader { ".repeat(5) + "id" + " }".repeat(5) + " } }";
        graphQl.document(fine).execute().path("skills").hasValue();
    }

    @Test
    void aWideDocumentIsRefused() {
        StringBuilder wide = new StringBuilder("{ ");
        for (int i = 0; i < 1_100; i++) {
            wide.append("s").append(i).append(": skills { id } ");
        }
        expectError(graphQl.document(wide.append("}").toString()).execute(), "QUERY_TOO_COMPLEX");
        graphQl.document("{ a: skills { id } b: skills { name } }").execute().path("a").hasValue();
    }
}
