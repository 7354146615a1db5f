package cn.nantong.tongtongzai.platform.neo4j.inprocess;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Bookmark;
import org.neo4j.driver.Query;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.RetryableException;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AbstractSecurityLog;
import org.neo4j.internal.kernel.api.security.AuthSubject;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.internal.kernel.api.security.SecurityContext;
import org.neo4j.internal.kernel.api.security.StaticAccessMode;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.api.exceptions.Status;
import org.neo4j.kernel.database.PrivilegeDatabaseReference;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

import cn.nantong.tongtongzai.platform.neo4j.Deadline;

/** A session of the {@link InProcessDriver}: one transaction at a time, like the driver's. */
final class InProcessSession extends QueryRunning implements Session {

    /** Full access, but reads only: the database refuses writes as a server refuses them in a READ session. */
    private static final LoginContext READ_ONLY = new LoginContext(AuthSubject.AUTH_DISABLED, ClientConnectionInfo.EMBEDDED_CONNECTION) {
        @Override
        public SecurityContext authorize(IdLookup idLookup, PrivilegeDatabaseReference database, AbstractSecurityLog log,
                long transactionSequenceNumber) {
            return LoginContext.AUTH_DISABLED.authorize(idLookup, database, log, transactionSequenceNumber)
                    .withMode(StaticAccessMode.READ);
        }
    };

    private final InProcessDriver driver;
    private final GraphDatabaseAPI database;
    private final AccessMode accessMode;
    /** Managed transactions retry transient failures (deadlocks) for at most this long, as the driver does. */
    private final Duration maxRetryTime;
    private InProcessTransaction current;
    private boolean open = true;

    InProcessSession(InProcessDriver driver, GraphDatabaseService database, AccessMode accessMode, Duration maxRetryTime) {
        this.driver = driver;
        this.database = (GraphDatabaseAPI) database;
        this.accessMode = accessMode;
        this.maxRetryTime = maxRetryTime;
    }

    @Override
    public Transaction beginTransaction() {
        return beginTransaction(TransactionConfig.empty());
    }

    @Override
    public Transaction beginTransaction(TransactionConfig config) {
        requireNoTransaction();
        current = begin(KernelTransaction.Type.EXPLICIT, accessMode, config);
        return current;
    }

    /** Auto-commit: the statement in a transaction of its own, committed before its rows are handed out. */
    @Override
    public Result run(Query query, TransactionConfig config) {
        requireNoTransaction();
        try (InProcessTransaction transaction = begin(KernelTransaction.Type.IMPLICIT, accessMode, config)) {
            Result result = transaction.run(query);
            transaction.commit();
            return result;
        }
    }

    @Override
    public Result run(String query, TransactionConfig config) {
        return run(new Query(query), config);
    }

    @Override
    public Result run(String query, java.util.Map<String, Object> parameters, TransactionConfig config) {
        return run(new Query(query, parameters), config);
    }

    @Override
    public Result run(Query query) {
        return run(query, TransactionConfig.empty());
    }

    @Override
    public <T> T executeRead(TransactionCallback<T> callback, TransactionConfig config) {
        return execute(callback, AccessMode.READ, config);
    }

    @Override
    public <T> T executeWrite(TransactionCallback<T> callback, TransactionConfig config) {
        return execute(callback, AccessMode.WRITE, config);
    }

    /** A managed transaction: run again after a transient failure, with a growing pause, within the retry time. */
    private <T> T execute(TransactionCallback<T> callback, AccessMode mode, TransactionConfig config) {
        requireNoTransaction();
        long deadline = System.nanoTime() + maxRetryTime.toNanos();
        for (int attempt = 1; ; attempt++) {
            try (InProcessTransaction transaction = begin(KernelTransaction.Type.EXPLICIT, mode, config)) {
                T result = callback.execute(transaction);
                if (transaction.isOpen()) {
                    transaction.commit();
                }
                return result;
            } catch (RuntimeException e) {
                if (!(e instanceof RetryableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    @Override
    public Set<Bookmark> lastBookmarks() {
        return Set.of();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        open = false;
    }

    private InProcessTransaction begin(KernelTransaction.Type type, AccessMode mode, TransactionConfig config) {
        if (!open) {
            throw new ClientException("No more work in this session: it is closed.");
        }
        LoginContext login = mode == AccessMode.READ ? READ_ONLY : LoginContext.AUTH_DISABLED;
        Optional<Deadline> deadline = Deadline.current();
        Duration timeout = timeout(config.timeout(), deadline);
        InternalTransaction transaction;
        try {
            transaction = timeout == null
                    ? database.beginTransaction(type, login)
                    : database.beginTransaction(type, login, ClientConnectionInfo.EMBEDDED_CONNECTION,
                            Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            throw InProcessFailures.translate(e);
        }
        // the request's deadline ends its statements at once, not at the database's next timeout check
        Deadline.Registration stop = deadline.map(d -> d.whenExpired(
                () -> transaction.terminate(Status.Transaction.TransactionTimedOutClientConfiguration))).orElse(null);
        return new InProcessTransaction(driver, transaction, database.databaseName(), stop);
    }

    /** The transaction's own timeout, at most the time left to the request; none when neither is set. */
    private static Duration timeout(Duration configured, Optional<Deadline> deadline) {
        Duration own = configured == null || configured.isZero() ? null : configured;
        if (deadline.isEmpty()) {
            return own;
        }
        Duration left = deadline.get().remaining();
        if (left.isZero()) {
            throw new ClientException(Status.Transaction.TransactionTimedOutClientConfiguration.code().serialize(),
                    "The request ran out of time (" + deadline.get().timeout() + "): no new transaction is begun for it.");
        }
        return own == null || left.compareTo(own) < 0 ? left : own;
    }

    private void requireNoTransaction() {
        if (current != null && current.isOpen()) {
            throw new ClientException("This session already has an open transaction: commit or roll it back first.");
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 10L << attempt) + (long) (Math.random() * 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("Interrupted while waiting to run a transaction again.");
        }
    }
}
