package cn.nantong.tongtongzai.platform.security;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Puts the {@link Actor} of each HTTP request into the GraphQL context under "actor". Interceptors run on the
 * servlet thread that the security filter authenticated, so its context is at hand.
 */
@Component
class ActorFromToken implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Actor actor = Actor.current();
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(context -> context.put("actor", actor)).build());
        return chain.next(request);
    }
}
