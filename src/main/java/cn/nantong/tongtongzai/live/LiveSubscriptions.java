package cn.nantong.tongtongzai.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

import graphql.GraphQLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.matching.MatchingJob;
import cn.nantong.tongtongzai.member.Registration;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.security.Access;
import cn.nantong.tongtongzai.platform.security.AccessPolicy;
import cn.nantong.tongtongzai.platform.security.Rule;
import cn.nantong.tongtongzai.platform.security.SignedIn;
import cn.nantong.tongtongzai.request.Request;
import cn.nantong.tongtongzai.task.Claim;
import cn.nantong.tongtongzai.task.Task;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The subscriptions of live.graphqls. Who may subscribe is checked when subscribing (AccessPolicy, "Subscription.…");
 * each event is checked again when it is delivered: the roles of the same rule must reach the event's place with the
 * subscriber's scope ids, as the place is after the change — so a subscriber never sees what the matching query
 * would refuse them. Each subscription has its own queue: a slow subscriber loses its oldest events, never slows the
 * others. It ends with TOKEN_EXPIRED when the subscriber's token does.
 */
@Controller
class LiveSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(LiveSubscriptions.class);
    /** Events waiting for one subscriber before its oldest are dropped. */
    static final int QUEUE = 256;

    private final LiveEvents events;
    private final Access access;

    LiveSubscriptions(LiveEvents events, Access access) {
        this.events = events;
        this.access = access;
    }

    @SubscriptionMapping
    Flux<Task> tasksPublished(GraphQLContext context) {
        return deliver(context, "tasksPublished", LiveEvent.TaskPublished.class, event -> true, LiveEvent.TaskPublished::task);
    }

    @SubscriptionMapping
    Flux<Task> emergencyOffers(GraphQLContext context) {
        return deliver(context, "emergencyOffers", LiveEvent.TaskPublished.class, LiveEvent.TaskPublished::emergencyForTeams,
                LiveEvent.TaskPublished::task);
    }

    @SubscriptionMapping
    Flux<Request> myRequestChanged(@Argument String requestId, GraphQLContext context) {
        return deliver(context, "myRequestChanged", LiveEvent.RequestChanged.class,
                event -> requestId == null || requestId.equals(event.request().id()), LiveEvent.RequestChanged::request);
    }

    @SubscriptionMapping
    Flux<MatchingJob> matchingProposals(@Argument String jobId, GraphQLContext context) {
        return deliver(context, "matchingProposals", LiveEvent.ProposalsChanged.class,
                event -> jobId == null || jobId.equals(event.job().id()), LiveEvent.ProposalsChanged::job);
    }

    @SubscriptionMapping
    Flux<Registration> registrationConfirmed(GraphQLContext context) {
        return deliver(context, "registrationConfirmed", LiveEvent.RegistrationConfirmed.class, event -> true,
                LiveEvent.RegistrationConfirmed::registration);
    }

    @SubscriptionMapping
    Flux<Claim> teamClaimConfirmed(@Argument String taskId, GraphQLContext context) {
        return deliver(context, "teamClaimConfirmed", LiveEvent.TeamClaimConfirmed.class,
                event -> taskId == null || taskId.equals(event.claim().taskId()), LiveEvent.TeamClaimConfirmed::claim);
    }

    /**
     * The events of one kind the subscriber asked for and may see, as payloads; their fields are then resolved on a
     * worker thread (not the one offering the event to every subscription).
     */
    private <E extends LiveEvent, T> Flux<T> deliver(GraphQLContext context, String field, Class<E> kind,
            Predicate<E> asked, Function<E, T> payload) {
        SignedIn signedIn = SignedIn.of(context);
        Rule rule = Objects.requireNonNull(AccessPolicy.ruleFor("Subscription", field), field);
        Flux<T> delivered = events.events().ofType(kind).filter(asked)
                .filter(event -> access.reaches(signedIn.actor(), rule.roles(), event.place()))
                .map(payload)
                .onBackpressureBuffer(QUEUE, dropped -> log.debug("A slow subscriber of {} lost an event", field),
                        BufferOverflowStrategy.DROP_OLDEST)
                .publishOn(Schedulers.boundedElastic());
        return delivered.mergeWith(expiry(signedIn.expiresAt()));
    }

    /** Fails the subscription when the token expires (never, for a token without expiry: refused at sign-in). */
    private static <T> Mono<T> expiry(Instant expiresAt) {
        if (expiresAt == null) {
            return Mono.never();
        }
        Duration left = Duration.between(Instant.now(), expiresAt);
        return Mono.delay(left.isNegative() ? Duration.ZERO : left).then(Mono.error(new UserInputException(ErrorCode.TOKEN_EXPIRED,
                "登录已过期，订阅已结束：请重新登录后再订阅。")));
    }
}
