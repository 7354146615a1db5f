package cn.nantong.tongtongzai.platform.neo4j;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListener;

/**
 * Counts the committed transactions that changed a database running in this process, whoever wrote them (the
 * service, Neo4j Browser over Bolt, a migration), so that a reader may keep what it read as long as nothing was
 * written since: what was read after {@link #version()} returned v still holds while it returns v. The count goes
 * up only after a commit is visible, so a reader that takes the version before reading never keeps a change it
 * missed under the version that follows it. With an external server or cluster nothing is watched: the version is
 * unknown and nothing may be kept.
 */
public final class GraphChanges implements AutoCloseable {

    private static final GraphChanges UNWATCHED = new GraphChanges(null, null);

    private final AtomicLong commits = new AtomicLong();
    private final DatabaseManagementService service;
    private final String database;
    private final TransactionEventListener<Object> listener = new TransactionEventListener<>() {
        @Override
        public Object beforeCommit(TransactionData data, Transaction transaction, GraphDatabaseService databaseService) {
            return null;
        }

        @Override
        public void afterCommit(TransactionData data, Object state, GraphDatabaseService databaseService) {
            commits.incrementAndGet(); // Neo4j calls listeners only for transactions that changed something
        }

        @Override
        public void afterRollback(TransactionData data, Object state, GraphDatabaseService databaseService) {
        }
    };

    private GraphChanges(DatabaseManagementService service, String database) {
        this.service = service;
        this.database = database;
    }

    /** Watches the named database of a database management service in this process. */
    public static GraphChanges watching(DatabaseManagementService service, String database) {
        GraphChanges changes = new GraphChanges(service, database);
        service.registerTransactionEventListener(database, changes.listener);
        return changes;
    }

    /** For a database this process cannot watch. */
    public static GraphChanges unwatched() {
        return UNWATCHED;
    }

    /** The number of changing commits so far; empty when the database is not watched. */
    public OptionalLong version() {
        return service == null ? OptionalLong.empty() : OptionalLong.of(commits.get());
    }

    @Override
    public void close() {
        if (service != null) {
            try {
                service.unregisterTransactionEventListener(database, listener);
            } catch (RuntimeException alreadyShutDown) {
                // the database went first: nothing left to listen to
            }
        }
    }
}
