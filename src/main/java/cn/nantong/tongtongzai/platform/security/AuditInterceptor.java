package cn.nantong.tongtongzai.platform.security;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.GraphQLContext;

import org.reactivestreams.Publisher;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * When a GraphQL request ends, writes what it did to the audit log: its mutations, its refusals, and one entry
 * naming whose personal data it showed in full. A subscription is answered at once and then sends events for as
 * long as it runs: its start is written like a request, and each event sent like a request of its own (the fields
 * refused in it, the phone numbers it showed); the places its checks found are forgotten after each event, so the
 * next is checked against the graph as it is then.
 */
@Component
class AuditInterceptor implements WebGraphQlInterceptor {

    static final String REQUEST_ID = "tongtongzai.requestId";
    static final String CLIENT = "tongtongzai.client";

    private final AuditTrail trail;

    AuditInterceptor(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        InetSocketAddress remote = request.getRemoteAddress();
        String client = remote == null ? null : remote.getAddress() == null ? remote.getHostString()
                : remote.getAddress().getHostAddress();
        // for the audit entry a mutation writes in its own transaction (MutationAudit)
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(REQUEST_ID, request.getId(),
                CLIENT, client == null ? "" : client)).build());
        return chain.next(request).map(response -> {
            GraphQLContext context = response.getExecutionInput().getGraphQLContext();
            Actor actor = context.get("actor");
            if (actor == null) {
                return response;
            }
            write(actor, request.getId(), client, context);
            if (response.getData() instanceof Publisher<?> events) {
                return response.transform(answer -> answer.data(Flux.from(events).doOnNext(event -> {
                    write(actor, request.getId(), client, context);
                    context.delete(AccessInstrumentation.CACHE);
                })));
            }
            return response;
        });
    }

    private void write(Actor actor, String requestId, String client, GraphQLContext context) {
        List<AuditEvents.Event> events = new ArrayList<>(AuditEvents.drain(context));
        List<String> reads = PersonalDataReads.drain(context);
        if (!reads.isEmpty()) {
            events.add(new AuditEvents.Event(AuditKind.READ, "personal data", reads, AuditOutcome.OK, null));
        }
        trail.append(actor, requestId, client, events);
    }
}
