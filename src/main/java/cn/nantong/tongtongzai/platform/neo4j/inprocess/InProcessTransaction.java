package cn.nantong.tongtongzai.platform.neo4j.inprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Query;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.internal.InternalRecord;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;

import cn.nantong.tongtongzai.platform.neo4j.Deadline;

/**
 * One transaction of the embedded database. Each statement's rows are read to the end before {@code run}
 * returns (the callers read every row anyway), so a failure surfaces at the statement that caused it and the
 * rows stay readable after the transaction ends, as with the driver's buffered results.
 */
final class InProcessTransaction extends QueryRunning implements Transaction, TransactionContext {

    private final InProcessDriver driver;
    private final InternalTransaction transaction;
    private final String database;
    /** Stops the transaction at the request's deadline; null outside a request. */
    private final Deadline.Registration stop;
    private boolean open = true;
    private boolean failed;

    InProcessTransaction(InProcessDriver driver, InternalTransaction transaction, String database,
            Deadline.Registration stop) {
        this.driver = driver;
        this.transaction = transaction;
        this.database = database;
        this.stop = stop;
    }

    @Override
    public Result run(Query query) {
        requireOpen();
        if (failed) {
            throw new ClientException("Neo.ClientError.Request.Invalid",
                    "An earlier statement of this transaction failed: it can only be rolled back.");
        }
        driver.statementRun();
        Map<String, Object> parameters = query.parameters().asMap(InProcessValues::toJava);
        try (org.neo4j.graphdb.Result result = transaction.execute(query.text(), parameters)) {
            List<String> keys = result.columns();
            List<Record> records = new ArrayList<>();
            while (result.hasNext()) {
                Map<String, Object> row = result.next();
                List<Value> values = new ArrayList<>(keys.size());
                for (String key : keys) {
                    values.add(InProcessValues.toValue(row.get(key)));
                }
                records.add(new InternalRecord(keys, values));
            }
            return new InProcessResult(keys, records, InProcessSummary.of(query, result, database));
        } catch (RuntimeException e) {
            failed = true;
            throw InProcessFailures.translate(e);
        }
    }

    @Override
    public void commit() {
        if (failed) {
            end(this::rollbackQuietly);
            throw new ClientException("Neo.ClientError.Transaction.TransactionMarkedAsFailed",
                    "An earlier statement of this transaction failed: it was rolled back.");
        }
        end(transaction::commit);
    }

    @Override
    public void rollback() {
        end(transaction::rollback);
    }

    /** Commits or rolls back once; the database's failure comes out as the driver's. */
    private void end(Runnable how) {
        requireOpen();
        open = false;
        try {
            how.run();
        } catch (RuntimeException e) {
            throw InProcessFailures.translate(e);
        } finally {
            closed();
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            rollbackQuietly();
        }
    }

    private void rollbackQuietly() {
        try {
            transaction.rollback();
        } catch (RuntimeException ignored) {
            // already terminated or closed: nothing of it can commit any more
        } finally {
            closed();
        }
    }

    private void closed() {
        try {
            transaction.close();
        } finally {
            if (stop != null) {
                stop.close();
            }
        }
    }

    private void requireOpen() {
        if (!open) {
            throw new ClientException("Cannot run more queries in this transaction: it has been committed or rolled back.");
        }
    }
}
