package cn.nantong.tongtongzai.platform.graphql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * Front ends send the same few documents over and over (with different variables): each is parsed and
 * validated once and kept, up to {@link #CAPACITY} documents, least recently used out first. Documents
 * with errors are kept too, so a broken one is not re-validated on every call.
 */
@Configuration(proxyBeanMethods = false)
class PreparsedDocuments implements PreparsedDocumentProvider {

    static final int CAPACITY = 1_000;

    private final Map<String, PreparsedDocumentEntry> documents = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
            return size() > CAPACITY;
        }
    };

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String key = input.getOperationName() + "\n" + input.getQuery();
        PreparsedDocumentEntry entry;
        synchronized (documents) {
            entry = documents.get(key);
        }
        if (entry == null) {
            entry = parseAndValidate.apply(input);
            synchronized (documents) {
                documents.put(key, entry);
            }
        }
        return CompletableFuture.completedFuture(entry);
    }

    @Bean
    GraphQlSourceBuilderCustomizer preparsedDocumentCache() {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(this));
    }
}
