package cn.nantong.tongtongzai.platform.neo4j.inprocess;

import static org.neo4j.driver.internal.GqlStatusError.DIAGNOSTIC_RECORD;
import static org.neo4j.driver.internal.GqlStatusError.UNKNOWN;

import java.util.Set;

import org.neo4j.dbms.api.DatabaseNotFoundException;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.DatabaseException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.TransientException;
import org.neo4j.graphdb.DatabaseShutdownException;
import org.neo4j.kernel.api.exceptions.Status;

/**
 * The embedded database's exceptions as the driver's, with the same Neo4j status codes: Spring's exception
 * translation (a uniqueness conflict becomes a DataIntegrityViolationException) and the service's retry rules
 * ({@code DatabaseFailures}) then see what they would see over Bolt.
 */
final class InProcessFailures {

    /** Transient by status but not worth running again (the driver treats them as client errors too). */
    private static final Set<String> NOT_RETRYABLE = Set.of("Neo.TransientError.Transaction.Terminated",
            "Neo.TransientError.Transaction.LockClientStopped");

    private InProcessFailures() {
    }

    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof Neo4jException) {
            return failure;
        }
        if (failure instanceof DatabaseShutdownException || failure instanceof DatabaseNotFoundException) {
            return new ServiceUnavailableException("The embedded database is not available: " + failure.getMessage(), failure);
        }
        Status status = statusOf(failure);
        String message = String.valueOf(failure.getMessage());
        if (status == null) {
            return new DatabaseException(UNKNOWN.getStatus(), UNKNOWN.getStatusDescription(message),
                    "Neo.DatabaseError.General.UnknownError", message, DIAGNOSTIC_RECORD, failure);
        }
        String code = status.code().serialize();
        String gqlStatus = UNKNOWN.getStatus();
        String description = UNKNOWN.getStatusDescription(message);
        return switch (status.code().classification()) {
            case TransientError -> NOT_RETRYABLE.contains(code)
                    ? new ClientException(gqlStatus, description, code.replace("TransientError", "ClientError"), message,
                            DIAGNOSTIC_RECORD, failure)
                    : new TransientException(gqlStatus, description, code, message, DIAGNOSTIC_RECORD, failure);
            case ClientError, ClientNotification -> new ClientException(gqlStatus, description, code, message, DIAGNOSTIC_RECORD, failure);
            default -> new DatabaseException(gqlStatus, description, code, message, DIAGNOSTIC_RECORD, failure);
        };
    }

    private static Status statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Status.HasStatus hasStatus) {
                return hasStatus.status();
            }
        }
        return null;
    }
}
