package cn.nantong.tongtongzai.platform.graphql;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/** Puts the {@link Actor} of each HTTP request into the GraphQL context under "actor". */
@Component
class ActorFromHeader implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Actor actor = Actor.of(request.getHeaders().getFirst(Actor.HEADER));
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(context -> context.put("actor", actor)).build());
        return chain.next(request);
    }
}
