package cn.nantong.tongtongzai.platform.neo4j.inprocess;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.BaseSession;
import org.neo4j.driver.BookmarkManager;
import org.neo4j.driver.BookmarkManagerConfig;
import org.neo4j.driver.BookmarkManagers;
import org.neo4j.driver.Driver;
import org.neo4j.driver.ExecutableQuery;
import org.neo4j.driver.Query;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The Neo4j Java driver's blocking API over the embedded database's own Java API, for the service that runs
 * its database in-process. Spring Data Neo4j, the transaction manager, the health indicator and the service's
 * own code keep talking to a {@link Driver}; only the Bolt round trip is gone — under load the loopback Bolt
 * connection (encoding, two network stacks, decoding, on both sides) was about a third of the service's CPU
 * (docs/reliability.md). Against a server or cluster the ordinary driver is used, unchanged.
 *
 * <p>What it keeps of the driver's contract: sessions, explicit, auto-commit and managed (retried)
 * transactions, {@code executableQuery}, READ access mode enforced by the database (a write in a read
 * transaction fails as it would on a server), the driver's value types and exception classes with Neo4j's
 * status codes. What it leaves out: async and reactive sessions, bookmarks (one database in one process is
 * always up to date), notifications and plans in summaries.
 */
public final class InProcessDriver implements Driver {

    private final GraphDatabaseService database;
    private final Duration maxRetryTime;
    private final BookmarkManager bookmarkManager = BookmarkManagers.defaultManager(BookmarkManagerConfig.builder().build());
    private final LongAdder statements = new LongAdder();
    private volatile boolean open = true;

    private InProcessDriver(GraphDatabaseService database, Duration maxRetryTime) {
        this.database = database;
        this.maxRetryTime = maxRetryTime;
    }

    /** Managed transactions retry transient failures for at most a second, the service's setting. */
    public static InProcessDriver of(GraphDatabaseService database) {
        return of(database, Duration.ofSeconds(1));
    }

    /** @param maxRetryTime how long managed transactions retry transient failures (spring.neo4j.max-transaction-retry-time) */
    public static InProcessDriver of(GraphDatabaseService database, Duration maxRetryTime) {
        return new InProcessDriver(database, maxRetryTime);
    }

    /** Statements run since start: tests use it to prove a request is free of N+1 queries. */
    public long statementsRun() {
        return statements.sum();
    }

    void statementRun() {
        statements.increment();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends BaseSession> T session(Class<T> sessionClass, SessionConfig config, AuthToken sessionAuthToken) {
        if (!sessionClass.isAssignableFrom(InProcessSession.class)) {
            throw new ClientException("The in-process driver has blocking sessions only, not " + sessionClass.getSimpleName() + ".");
        }
        requireOpen();
        String name = config.database().orElse(database.databaseName());
        if (!name.equals(database.databaseName())) {
            throw new ClientException("Neo.ClientError.Database.DatabaseNotFound",
                    "Database does not exist. Database name: '" + name + "'.");
        }
        return (T) new InProcessSession(this, database, config.defaultAccessMode(), maxRetryTime);
    }

    @Override
    public ExecutableQuery executableQuery(String query) {
        return new InProcessQuery(this, new Query(query), QueryConfig.defaultConfig());
    }

    @Override
    public BookmarkManager executableQueryBookmarkManager() {
        return bookmarkManager;
    }

    @Override
    public boolean isEncrypted() {
        return false;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public CompletionStage<Void> closeAsync() {
        close();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void verifyConnectivity() {
        requireOpen();
        if (!database.isAvailable(1_000)) {
            throw new ServiceUnavailableException("The embedded database '" + database.databaseName() + "' is not available.");
        }
    }

    @Override
    public CompletionStage<Void> verifyConnectivityAsync() {
        try {
            verifyConnectivity();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public boolean verifyAuthentication(AuthToken authToken) {
        return true;
    }

    @Override
    public boolean supportsSessionAuth() {
        return false;
    }

    @Override
    public boolean supportsMultiDb() {
        return true;
    }

    @Override
    public CompletionStage<Boolean> supportsMultiDbAsync() {
        return CompletableFuture.completedFuture(true);
    }

    private void requireOpen() {
        if (!open) {
            throw new ServiceUnavailableException("The in-process driver is closed.");
        }
    }
}
