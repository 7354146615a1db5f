package cn.nantong.tongtongzai.platform.graphql;

import java.util.Iterator;
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
 * validated once and kept, least recently used out first, up to {@link #CAPACITY} documents and
 * {@link #MAX_TOTAL_CHARACTERS} characters of documents in all. Documents with errors are kept too, so a broken
 * one is not re-validated on every call. A document longer than {@link #MAX_CACHED_CHARACTERS} is parsed each time
 * and never kept: front ends' documents are a few kilobytes, and a thousand 1 MiB documents (the body limit) would
 * otherwise hold gigabytes of syntax trees (security probe, finding 12).
 */
@Configuration(proxyBeanMethods = false)
class PreparsedDocuments implements PreparsedDocumentProvider {

    static final int CAPACITY = 1_000;
    static final int MAX_CACHED_CHARACTERS = 64 * 1024;
    static final long MAX_TOTAL_CHARACTERS = 4L * 1024 * 1024;

    private final Map<String, PreparsedDocumentEntry> documents = new LinkedHashMap<>(256, 0.75f, true);
    private long characters;

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String key = input.getOperationName() + "\n" + input.getQuery();
        if (key.length() > MAX_CACHED_CHARACTERS) {
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        PreparsedDocumentEntry entry;
        synchronized (documents) {
            entry = documents.get(key);
        }
        if (entry == null) {
            entry = parseAndValidate.apply(input);
            synchronized (documents) {
                if (documents.put(key, entry) == null) {
                    characters += key.length();
                }
                evict();
            }
        }
        return CompletableFuture.completedFuture(entry);
    }

    /** Least recently used out first, until both bounds hold. */
    private void evict() {
        Iterator<String> eldest = documents.keySet().iterator();
        while ((documents.size() > CAPACITY || characters > MAX_TOTAL_CHARACTERS) && eldest.hasNext()) {
            characters -= eldest.next().length();
            eldest.remove();
        }
    }

    /** Documents kept, and their characters: what the bounds hold (for the test). */
    int size() {
        synchronized (documents) {
            return documents.size();
        }
    }

    long characters() {
        synchronized (documents) {
            return characters;
        }
    }

    @Bean
    GraphQlSourceBuilderCustomizer preparsedDocumentCache() {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(this));
    }
}
