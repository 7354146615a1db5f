package cn.nantong.tongtongzai.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;

/**
 * The parsed-document cache is bounded by what it holds, not only by how many documents (security probe, finding
 * 12: it held up to 1,000 documents of up to 1 MiB). Real documents, parsed by graphql-java.
 */
class PreparsedDocumentsTest {

    private final PreparsedDocuments cache = new PreparsedDocuments();
    private final AtomicInteger parsed = new AtomicInteger();

    @Test
    void aHugeDocumentIsParsedEveryTimeAndNeverKept() {
        String huge = "{ about { version } }\n#" + "x".repeat(1000 * 1000); // just below graphql-java's own 1 MiB parse limit
        ask(huge);
        ask(huge);
        assertThat(parsed).hasValue(2);
        assertThat(cache.size()).isZero();
        assertThat(cache.characters()).isZero();
    }

    @Test
    void manyLargeDocumentsStayWithinTheBoundOfCharacters() {
        for (int i = 0; i < 200; i++) {
            ask("{ about { version } }\n# " + i + " " + "x".repeat(60 * 1024));
        }
        assertThat(cache.characters()).isLessThanOrEqualTo(PreparsedDocuments.MAX_TOTAL_CHARACTERS).isPositive();
        assertThat(cache.size()).isLessThan(200).isPositive();
    }

    @Test
    void aSmallDocumentIsParsedOnceAndKept() {
        ask("{ about { version } }");
        ask("{ about { version } }");
        assertThat(parsed).hasValue(1);
        assertThat(cache.size()).isOne();
    }

    private void ask(String query) {
        cache.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), input -> {
            parsed.incrementAndGet();
            return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
        }).join();
    }
}
