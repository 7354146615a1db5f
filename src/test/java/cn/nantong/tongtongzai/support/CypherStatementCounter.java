package cn.nantong.tongtongzai.support;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.neo4j.driver.Driver;
import org.springframework.beans.factory.ObjectProvider;

import cn.nantong.tongtongzai.platform.neo4j.inprocess.InProcessDriver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Counts the Cypher statements the service sends, so tests can prove a request is free of N+1 queries: from
 * the in-process driver's own count, or over Bolt from the Neo4j driver's observations (one per statement run
 * in a transaction or in auto-commit).
 */
public class CypherStatementCounter implements ObservationHandler<Observation.Context> {

    private static final Set<String> STATEMENTS = Set.of("TransactionRunContext", "SessionRunContext");

    private final AtomicInteger observed = new AtomicInteger();
    private final ObjectProvider<Driver> driver;
    private long inProcessBase;

    public CypherStatementCounter(ObjectProvider<Driver> driver) {
        this.driver = driver;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return STATEMENTS.contains(context.getClass().getSimpleName());
    }

    @Override
    public void onStart(Observation.Context context) {
        observed.incrementAndGet();
    }

    public void reset() {
        observed.set(0);
        if (driver.getObject() instanceof InProcessDriver inProcess) {
            inProcessBase = inProcess.statementsRun();
        }
    }

    public int count() {
        if (driver.getObject() instanceof InProcessDriver inProcess) {
            return (int) (inProcess.statementsRun() - inProcessBase);
        }
        return observed.get();
    }
}
