package cn.nantong.tongtongzai.support;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Counts the Cypher statements the service sends, from the Neo4j driver's own observations (one per
 * statement run in a transaction or in auto-commit), so tests can prove a request is free of N+1 queries.
 */
public class CypherStatementCounter implements ObservationHandler<Observation.Context> {

    private static final Set<String> STATEMENTS = Set.of("TransactionRunContext", "SessionRunContext");

    private final AtomicInteger count = new AtomicInteger();

    @Override
    public boolean supportsContext(Observation.Context context) {
        return STATEMENTS.contains(context.getClass().getSimpleName());
    }

    @Override
    public void onStart(Observation.Context context) {
        count.incrementAndGet();
    }

    public void reset() {
        count.set(0);
    }

    public int count() {
        return count.get();
    }
}
