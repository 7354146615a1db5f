package cn.nantong.tongtongzai.platform.graphql;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import graphql.GraphQLError;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * A GraphQL answer that is only "not now" gets an HTTP status saying so, like {@link LoadShedding}'s 503
 * SERVICE_BUSY: 429 with Retry-After for TOO_MANY_EXPENSIVE_REQUESTS (the caller's own other large documents are
 * still running), 503 for REQUEST_TIMEOUT (stopped at the deadline; no Retry-After: the same document would run
 * out of time again). Every other answer keeps Spring's status. Only in a web application: the jar's command-line
 * tools have no GraphQL handler.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class GraphQlHttpStatus {

    private static final Map<String, HttpStatus> STATUSES = Map.of(
            QueryCostLimit.TOO_MANY.name(), HttpStatus.TOO_MANY_REQUESTS,
            StopAtDeadline.CODE.name(), HttpStatus.SERVICE_UNAVAILABLE);

    @Bean
    GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler handler) {
        return new GraphQlHttpHandler(handler) {
            @Override
            protected ServerResponse prepareResponse(ServerRequest request, Mono<WebGraphQlResponse> response) {
                return super.prepareResponse(request, response.doOnNext(answer -> {
                    if (QueryCostLimit.TOO_MANY.name().equals(onlyCode(answer))) {
                        answer.getResponseHeaders().set(HttpHeaders.RETRY_AFTER, "1");
                    }
                }));
            }

            @Override
            protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType mediaType) {
                String code = onlyCode(response);
                return code != null && STATUSES.containsKey(code) ? STATUSES.get(code)
                        : super.selectResponseStatus(response, mediaType);
            }
        };
    }

    /** The code of the answer's one error, when it carries no data. */
    private static String onlyCode(WebGraphQlResponse response) {
        List<GraphQLError> errors = response.getExecutionResult().getErrors();
        if (response.getExecutionResult().isDataPresent() || errors.size() != 1) {
            return null;
        }
        Map<String, Object> extensions = errors.getFirst().getExtensions();
        return extensions == null ? null : Objects.toString(extensions.get("code"), null);
    }
}
