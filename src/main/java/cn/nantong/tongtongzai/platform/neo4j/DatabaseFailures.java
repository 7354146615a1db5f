package cn.nantong.tongtongzai.platform.neo4j;

import org.neo4j.driver.exceptions.DiscoveryException;
import org.neo4j.driver.exceptions.RetryableException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * What a failure from the database means for the caller. Spring translates some driver exceptions and wraps
 * others (a failed begin is a TransactionSystemException, a failed commit the driver's own exception), so
 * both look at the whole cause chain.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** Worth running the whole unit of work again: a deadlock, a leader switch, a connection lost. */
    public static boolean transientFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetryableException || t instanceof TransientDataAccessException) {
                return true;
            }
        }
        return false;
    }

    /** The database cannot be reached at all (down, unreachable, no leader): running again soon rarely helps. */
    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServiceUnavailableException || t instanceof SessionExpiredException
                    || t instanceof DiscoveryException || t instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many times to run a unit of work in all: five for transient failures, two when the database is
     * unreachable (one fresh connection after a restart or a cluster change; then fail fast), one otherwise.
     */
    public static int attempts(Throwable failure) {
        if (unavailable(failure)) {
            return 2;
        }
        return transientFailure(failure) ? 5 : 1;
    }
}
