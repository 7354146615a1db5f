package cn.nantong.tongtongzai.platform.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition.Operation;

import org.reactivestreams.Publisher;

import cn.nantong.tongtongzai.platform.security.SignedIn;
import reactor.core.publisher.Flux;

/**
 * What load shedding and the request timeout are for requests, for subscriptions, which hold no request thread
 * and no deadline once set up: at most {@code tongtong.graphql.max-subscriptions} run at once on this replica
 * (SERVICE_BUSY past it) and at most {@code tongtong.graphql.max-subscriptions-per-subject} for one signed-in
 * subject (TOO_MANY_SUBSCRIPTIONS), refused before anything runs; a place is freed when its subscription ends,
 * however it ends. Over WebSocket only subscriptions run (SUBSCRIPTIONS_ONLY): queries and mutations go over HTTP,
 * where the timeout, load shedding and HTTP statuses apply.
 */
class SubscriptionLimit extends SimplePerformantInstrumentation {

    static final ErrorCode BUSY = ErrorCode.SERVICE_BUSY;
    static final ErrorCode TOO_MANY = ErrorCode.TOO_MANY_SUBSCRIPTIONS;
    static final ErrorCode ONLY = ErrorCode.SUBSCRIPTIONS_ONLY;

    private final int max;
    private final int maxPerSubject;
    private final AtomicInteger open = new AtomicInteger();
    /** Open subscriptions by subject; a subject with none has no entry. */
    private final ConcurrentHashMap<String, Integer> bySubject = new ConcurrentHashMap<>();

    SubscriptionLimit(int max, int maxPerSubject) {
        this.max = max;
        this.maxPerSubject = maxPerSubject;
    }

    /** Subscriptions running now on this replica. */
    int open() {
        return open.get();
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(new Place());
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        GraphQLContext context = execution.getGraphQLContext();
        boolean subscription = execution.getOperationDefinition().getOperation() == Operation.SUBSCRIPTION;
        if (!subscription) {
            if (SignedIn.overWebSocket(context)) {
                throw new GraphQlLimits.Refused(ONLY, "WebSocket 连接只用于订阅：查询和修改请通过 HTTP POST /graphql 发送。");
            }
            return SimpleInstrumentationContext.noOp();
        }
        String subject = SignedIn.of(context).actor().id();
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            throw new GraphQlLimits.Refused(BUSY, "服务繁忙：同时进行的订阅已达上限（" + max + "个），请稍后重试。");
        }
        if (!enter(subject)) {
            open.decrementAndGet();
            throw new GraphQlLimits.Refused(TOO_MANY, "同一用户同时进行的订阅最多" + maxPerSubject + "个：请先取消不再需要的订阅。");
        }
        ((Place) state).subject.set(subject);
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        Place place = (Place) state;
        // graphql-java calls this again for each event of a subscription: only the answer that sets it up counts
        if (place.subject.get() == null || !place.answered.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(result);
        }
        if (!(result.getData() instanceof Publisher<?> events)) { // refused at its root field: nothing runs
            release(place);
            return CompletableFuture.completedFuture(result);
        }
        Flux<?> held = Flux.from(events).doFinally(signal -> release(place));
        return CompletableFuture.completedFuture(ExecutionResult.newExecutionResult().from(result).data(held).build());
    }

    private boolean enter(String subject) {
        boolean[] entered = {false};
        bySubject.compute(subject, (key, running) -> {
            int now = running == null ? 0 : running;
            if (now >= maxPerSubject) {
                return running;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0];
    }

    private void release(Place place) {
        if (!place.released.compareAndSet(false, true)) {
            return;
        }
        open.decrementAndGet();
        bySubject.computeIfPresent(place.subject.get(), (key, running) -> running <= 1 ? null : running - 1);
    }

    /** The subject whose place this subscription holds, once admitted. */
    private static final class Place implements InstrumentationState {

        final AtomicReference<String> subject = new AtomicReference<>();
        final AtomicBoolean answered = new AtomicBoolean();
        final AtomicBoolean released = new AtomicBoolean();
    }
}
