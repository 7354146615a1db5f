package cn.nantong.tongtongzai.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;

import reactor.core.publisher.Mono;

/**
 * Keeps every GraphQL document the tests of this run sent and the service accepted, for GraphQlDocumentsTest to
 * validate with graphql-js against the committed schema. Documents refused as invalid (syntax, unknown fields —
 * some tests send them on purpose) are left out.
 */
public class RecordedDocuments implements WebGraphQlInterceptor {

    /** A header a test sets on documents it writes malformed on purpose (HostileInputTest): they are not recorded. */
    public static final String MALFORMED = "X-Test-Malformed-Document";

    private static final Set<String> DOCUMENTS = ConcurrentHashMap.newKeySet();
    private static final Set<String> INVALID = Set.of("ValidationError", "InvalidSyntax");

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request.getHeaders().containsHeader(MALFORMED)) {
            return chain.next(request);
        }
        return chain.next(request).doOnNext(response -> {
            if (response.getErrors().stream().map(ResponseError::getErrorType).noneMatch(t -> INVALID.contains(t.toString()))) {
                DOCUMENTS.add(request.getDocument());
            }
        });
    }

    /** What the tests that ran before in this JVM sent, sorted. */
    public static List<String> all() {
        return DOCUMENTS.stream().sorted().toList();
    }
}
