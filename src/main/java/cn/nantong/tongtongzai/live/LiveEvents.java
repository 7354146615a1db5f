package cn.nantong.tongtongzai.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import cn.nantong.tongtongzai.matching.MatchingJobs;
import cn.nantong.tongtongzai.matching.ProposalsChanged;
import cn.nantong.tongtongzai.member.MemberService;
import cn.nantong.tongtongzai.member.RegistrationDecided;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.security.Kind;
import cn.nantong.tongtongzai.platform.security.Place;
import cn.nantong.tongtongzai.platform.security.Places;
import cn.nantong.tongtongzai.request.RequestService;
import cn.nantong.tongtongzai.request.RequestStateChanged;
import cn.nantong.tongtongzai.task.ClaimMade;
import cn.nantong.tongtongzai.task.ClaimService;
import cn.nantong.tongtongzai.task.TaskPublished;
import cn.nantong.tongtongzai.task.TaskService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The live side of the writers' events: each change is taken only once its transaction committed (a refused or
 * rolled-back change is never told), read once — the thing as it is then and its {@link Place} — and offered to every
 * subscription, which keeps what its subscriber may see ({@link LiveSubscriptions}). One thread reads and offers the
 * events, in the order their transactions committed, off the committing thread (whose finished transaction is still
 * bound there).
 */
@Component
class LiveEvents {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final TaskService tasks;
    private final RequestService requests;
    private final MemberService members;
    private final MatchingJobs jobs;
    private final Places places;
    /** Offered to the subscriptions there are; each keeps its own queue (LiveSubscriptions). */
    private final Sinks.Many<LiveEvent> sink = Sinks.many().multicast().directBestEffort();
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-events");
        thread.setDaemon(true);
        return thread;
    });

    LiveEvents(TaskService tasks, RequestService requests, MemberService members, MatchingJobs jobs, Places places) {
        this.tasks = tasks;
        this.requests = requests;
        this.members = members;
        this.jobs = jobs;
        this.places = places;
    }

    /** Every event from now on (hot: nothing from before the subscription). */
    Flux<LiveEvent> events() {
        return sink.asFlux();
    }

    /** Subscriptions listening now. */
    int subscribers() {
        return sink.currentSubscriberCount();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void taskPublished(TaskPublished event) {
        offer(() -> tasks.task(event.taskId()).map(task -> (LiveEvent) new LiveEvent.TaskPublished(task,
                places.of(Kind.TASK, task.id()), "EMERGENCY".equals(event.kind()) && "TEAMS".equals(event.audience())))
                .map(List::of).orElse(List.of()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void requestStateChanged(RequestStateChanged event) {
        offer(() -> requestsChanged(List.of(event.requestId())));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void registrationDecided(RegistrationDecided event) {
        if (!"CONFIRMED".equals(event.state())) {
            return;
        }
        offer(() -> members.registration(event.registrationId())
                .map(r -> (LiveEvent) new LiveEvent.RegistrationConfirmed(r, places.of(Kind.REGISTRATION, r.id())))
                .map(List::of).orElse(List.of()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void claimMade(ClaimMade event) {
        if (event.source() != ClaimService.Source.TEAM) {
            return;
        }
        offer(() -> tasks.claim(event.claimId())
                .map(claim -> (LiveEvent) new LiveEvent.TeamClaimConfirmed(claim, places.of(Kind.CLAIM, claim.id())))
                .map(List::of).orElse(List.of()));
    }

    /** Matching jobs live in memory, outside any transaction. */
    @EventListener
    void proposalsChanged(ProposalsChanged event) {
        offer(() -> {
            try {
                Place place = places.of("STREET".equals(event.scopeLevel()) ? Kind.STREET : Kind.COMMUNITY, event.scopeId());
                return List.of(new LiveEvent.ProposalsChanged(jobs.job(event.jobId()), place));
            } catch (UserInputException gone) {
                return List.of();
            }
        });
    }

    private List<LiveEvent> requestsChanged(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Place> where = places.of(Kind.REQUEST, ids);
        List<LiveEvent> changed = new ArrayList<>();
        requests.requests(ids).values().forEach(request -> changed.add(
                new LiveEvent.RequestChanged(request, where.getOrDefault(request.id(), Place.NOWHERE))));
        return changed;
    }

    /** Reads the events on the reader thread and offers them; only that thread offers, so one at a time. */
    private void offer(Supplier<List<LiveEvent>> read) {
        try {
            reader.execute(() -> {
                try {
                    read.get().forEach(sink::tryEmitNext);
                } catch (RuntimeException failure) { // the change stands; only its live notice is lost (the inbox has it)
                    log.warn("A live event could not be read", failure);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            log.debug("Live events stopped: not offered", stopping);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        reader.shutdownNow();
        sink.tryEmitComplete();
    }
}
