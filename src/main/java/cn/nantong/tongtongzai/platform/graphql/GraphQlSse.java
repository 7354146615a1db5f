package cn.nantong.tongtongzai.platform.graphql;

import org.reactivestreams.Publisher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * Subscriptions over SSE (POST /graphql, Accept: text/event-stream). A subscription refused before it starts (out
 * of the caller's scope, too many open) has no stream: Spring's handler then sends only "SSE handler supports only
 * subscriptions", hiding why. Here the refusal itself is sent as the one event, with its code, and the stream ends.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class GraphQlSse {

    @Bean
    GraphQlSseHandler graphQlSseHandler(WebGraphQlHandler handler, GraphQlProperties properties) {
        GraphQlProperties.Sse sse = properties.getHttp().getSse();
        return new GraphQlSseHandler(handler, sse.getTimeout(), sse.getKeepAlive()) {
            @Override
            protected ServerResponse prepareResponse(ServerRequest request, Mono<WebGraphQlResponse> response) {
                return super.prepareResponse(request, response.map(GraphQlSse::answerAsEvent));
            }
        };
    }

    private static WebGraphQlResponse answerAsEvent(WebGraphQlResponse response) {
        if (response.getData() instanceof Publisher<?>) {
            return response;
        }
        return response.transform(answer -> answer.data(Mono.just(response.getExecutionResult())));
    }
}
