package cn.nantong.tongtongzai.platform.graphql;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;

import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.neo4j.Deadline;

/**
 * Stops a GraphQL execution at its request's {@link Deadline}: the execution is cancelled (graphql-java resolves
 * no further field), a data fetcher that would start after it fails at once, and the answer is one error
 * REQUEST_TIMEOUT instead of what was half computed. The database transactions the request began are ended by
 * the deadline too (the in-process driver registers them). A subscription's deadline ends once it is set up.
 */
@Component
class StopAtDeadline extends SimplePerformantInstrumentation {

    static final ErrorCode CODE = ErrorCode.REQUEST_TIMEOUT;

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        // on the request's thread: the execution itself may go on elsewhere
        return CompletableFuture.completedFuture(Deadline.current().map(Running::new).orElse(null));
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        if (state instanceof Running running) {
            running.deadline.whenExpired(parameters.getExecutionInput()::cancel);
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        if (!(state instanceof Running running) || parameters.isTrivialDataFetcher() || isSubscription(parameters)) {
            return fetcher;
        }
        return env -> {
            if (running.deadline.expired()) {
                throw new UserInputException(CODE, message(running.deadline));
            }
            return fetcher.get(env);
        };
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        // graphql-java calls this again for each event of a subscription: only the answer to the request counts
        if (!(state instanceof Running running) || !running.answered.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(result);
        }
        boolean late = running.deadline.expired();
        running.deadline.finish(); // the answer is computed: its audit entry is still written
        if (!late) {
            return CompletableFuture.completedFuture(result);
        }
        return CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError().message(message(running.deadline))
                        .extensions(Map.of("code", CODE.name())).build())
                .build());
    }

    /**
     * A subscription is answered as soon as it is set up, and its events come long after the request's deadline:
     * they are not cut short by it (SubscriptionLimit bounds how many run instead).
     */
    private static boolean isSubscription(InstrumentationFieldFetchParameters parameters) {
        return parameters.getExecutionContext().getOperationDefinition().getOperation() == OperationDefinition.Operation.SUBSCRIPTION;
    }

    private static String message(Deadline deadline) {
        long millis = deadline.timeout().toMillis();
        String limit = millis % 1000 == 0 ? millis / 1000 + "秒" : millis + "毫秒";
        return "查询超过" + limit + "未完成，已停止：请缩小查询范围（减少 first 或嵌套）后重试。";
    }

    private record Running(Deadline deadline, java.util.concurrent.atomic.AtomicBoolean answered)
            implements InstrumentationState {

        Running(Deadline deadline) {
            this(deadline, new java.util.concurrent.atomic.AtomicBoolean());
        }
    }
}
