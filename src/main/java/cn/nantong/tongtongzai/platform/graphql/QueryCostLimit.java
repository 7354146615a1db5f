package cn.nantong.tongtongzai.platform.graphql;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.schema.GraphQLSchema;

import cn.nantong.tongtongzai.platform.security.Actor;

/**
 * Refuses, before anything runs, a document whose {@link QueryCost} exceeds {@code tongtong.graphql.max-cost}
 * (QUERY_TOO_COMPLEX, saying the cost and the limit), and lets one subject run at most
 * {@code tongtong.graphql.max-expensive-per-subject} documents costing {@code tongtong.graphql.expensive-cost} or
 * more at once: the next is refused at once with TOO_MANY_EXPENSIVE_REQUESTS (HTTP 429, {@link GraphQlHttpStatus}),
 * so one signed-in member cannot occupy the server with parallel copies of an allowed document.
 */
class QueryCostLimit extends SimplePerformantInstrumentation {

    static final ErrorCode TOO_COMPLEX = ErrorCode.QUERY_TOO_COMPLEX;
    static final ErrorCode TOO_MANY = ErrorCode.TOO_MANY_EXPENSIVE_REQUESTS;

    private final long maxCost;
    private final long expensiveCost;
    private final int maxExpensivePerSubject;
    /** Expensive documents running, by subject; a subject with none has no entry. */
    private final ConcurrentHashMap<String, Integer> expensive = new ConcurrentHashMap<>();
    /** The schema's costs, read at the first request (the schema does not change while the service runs). */
    private volatile QueryCost.Rules rules;

    QueryCostLimit(long maxCost, long expensiveCost, int maxExpensivePerSubject) {
        this.maxCost = maxCost;
        this.expensiveCost = expensiveCost;
        this.maxExpensivePerSubject = maxExpensivePerSubject;
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(new Admitted());
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        // the outermost context: completed however the execution ends, refusals by other instrumentations included
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> release(((Admitted) state).subject.get()));
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        long cost = QueryCost.of(rules(execution.getGraphQLSchema()), execution.getDocument(),
                execution.getExecutionInput().getOperationName(), execution.getCoercedVariables());
        if (cost > maxCost) {
            throw new GraphQlLimits.Refused(TOO_COMPLEX, "查询过大：按可能返回的条数计，代价" + (cost == Long.MAX_VALUE
                    ? "无法估量" : String.format(Locale.ROOT, "%,d", cost)) + "，最多" + String.format(Locale.ROOT, "%,d", maxCost)
                    + "。请减少 first、别名或嵌套层数。");
        }
        if (cost >= expensiveCost) {
            Actor actor = execution.getGraphQLContext().get("actor");
            String subject = actor == null ? "anonymous" : actor.id();
            if (!enter(subject)) {
                throw new GraphQlLimits.Refused(TOO_MANY, "同一用户同时进行的大查询最多" + maxExpensivePerSubject
                        + "个（代价" + String.format(Locale.ROOT, "%,d", expensiveCost) + "及以上）：请等前面的完成后再试。");
            }
            ((Admitted) state).subject.set(subject);
        }
        return SimpleInstrumentationContext.noOp();
    }

    private QueryCost.Rules rules(GraphQLSchema schema) {
        QueryCost.Rules known = rules;
        if (known == null || known.schema() != schema) {
            known = QueryCost.Rules.of(schema);
            rules = known;
        }
        return known;
    }

    private boolean enter(String subject) {
        boolean[] entered = {false};
        expensive.compute(subject, (key, running) -> {
            int now = running == null ? 0 : running;
            if (now >= maxExpensivePerSubject) {
                return running;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0];
    }

    private void release(String subject) {
        if (subject != null) {
            expensive.computeIfPresent(subject, (key, running) -> running <= 1 ? null : running - 1);
        }
    }

    /** The subject whose expensive document this execution counts as, once admitted. */
    private static final class Admitted implements InstrumentationState {

        final AtomicReference<String> subject = new AtomicReference<>();
    }
}
