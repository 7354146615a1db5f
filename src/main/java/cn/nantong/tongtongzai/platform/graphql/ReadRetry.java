package cn.nantong.tongtongzai.platform.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;

import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.neo4j.Backoff;
import cn.nantong.tongtongzai.platform.neo4j.DatabaseFailures;

/**
 * Reads are idempotent: a root field of a query whose read-only transaction failed transiently (a connection
 * lost while the database restarted, a cluster member gone) is fetched again, as WriteTransactions runs writes
 * again. Only root fields: nested fields are loaded in batches, and a batch once failed cannot be asked again
 * within the same request; they fail with DATABASE_UNAVAILABLE and the client asks again.
 */
@Component
class ReadRetry extends SimplePerformantInstrumentation {

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        DataFetchingEnvironment environment = parameters.getEnvironment();
        if (!(environment.getParentType() instanceof GraphQLObjectType parent) || !parent.getName().equals("Query")) {
            return fetcher;
        }
        return env -> fetch(fetcher, env, 1);
    }

    private static Object fetch(DataFetcher<?> fetcher, DataFetchingEnvironment env, int attempt) throws Exception {
        Object result;
        try {
            result = fetcher.get(env);
        } catch (RuntimeException e) {
            if (attempt >= DatabaseFailures.attempts(e)) {
                throw e;
            }
            Backoff.pause(attempt);
            return fetch(fetcher, env, attempt + 1);
        }
        if (!(result instanceof CompletionStage<?> stage)) {
            return result;
        }
        // Spring's controller fetchers answer with a future, failed when the method threw
        return future(stage).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (attempt >= DatabaseFailures.attempts(cause)) {
                return CompletableFuture.failedFuture(cause);
            }
            Backoff.pause(attempt);
            try {
                Object again = fetch(fetcher, env, attempt + 1);
                return again instanceof CompletionStage<?> next ? future(next) : CompletableFuture.completedFuture(again);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Object> future(CompletionStage<?> stage) {
        return (CompletableFuture<Object>) stage.toCompletableFuture();
    }
}
