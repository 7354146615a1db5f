package cn.nantong.tongtongzai.platform.neo4j.inprocess;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collector;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.ExecutableQuery;
import org.neo4j.driver.Query;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.RoutingControl;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionConfig;

/** {@code driver.executableQuery(…)}: one managed transaction, READ when routed to readers, retried like the driver's. */
final class InProcessQuery implements ExecutableQuery {

    private final InProcessDriver driver;
    private final Query query;
    private final QueryConfig config;

    InProcessQuery(InProcessDriver driver, Query query, QueryConfig config) {
        this.driver = driver;
        this.query = query;
        this.config = config;
    }

    @Override
    public ExecutableQuery withParameters(Map<String, Object> parameters) {
        return new InProcessQuery(driver, query.withParameters(parameters), config);
    }

    @Override
    public ExecutableQuery withConfig(QueryConfig config) {
        return new InProcessQuery(driver, query, config);
    }

    @Override
    public <A, R, T> T execute(Collector<Record, A, R> collector, ResultFinisher<R, T> finisher) {
        boolean read = config.routing() == RoutingControl.READ;
        SessionConfig.Builder session = SessionConfig.builder().withDefaultAccessMode(read ? AccessMode.READ : AccessMode.WRITE);
        config.database().ifPresent(session::withDatabase);
        TransactionConfig.Builder transaction = TransactionConfig.builder();
        config.timeout().ifPresent(transaction::withTimeout);
        TransactionCallback<T> work = tx -> {
            Result result = tx.run(query);
            A container = collector.supplier().get();
            BiConsumer<A, Record> accumulator = collector.accumulator();
            while (result.hasNext()) {
                accumulator.accept(container, result.next());
            }
            return finisher.finish(result.keys(), collector.finisher().apply(container), result.consume());
        };
        try (Session s = driver.session(Session.class, session.build(), null)) {
            return read ? s.executeRead(work, transaction.build()) : s.executeWrite(work, transaction.build());
        }
    }
}
