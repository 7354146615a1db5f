package cn.nantong.tongtongzai.platform.neo4j;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One write transaction per call, run again when Neo4j reports a transient failure (a deadlock between
 * concurrent requests, a leader switch in a cluster, a connection lost while the database restarted). The
 * work must be safe to repeat as a whole, which it is: a failed attempt is rolled back completely. An
 * unreachable database is tried twice, then the error goes up. A commit whose outcome is unknown — the
 * connection broke while committing — is never run again: it may have happened, and running it twice could
 * post a request twice; the caller gets DATABASE_UNAVAILABLE and looks. Work that throws {@link CommitThenRefuse}
 * is committed, then its refusal is thrown.
 */
@Component
public class WriteTransactions {

    private final TransactionTemplate template;
    private final List<BeforeCommit> beforeCommit;

    WriteTransactions(PlatformTransactionManager transactionManager, List<BeforeCommit> beforeCommit) {
        this.template = new TransactionTemplate(transactionManager);
        this.beforeCommit = beforeCommit;
    }

    public <T> T execute(TransactionCallback<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // joins the caller's transaction; the outermost call retries, and commits a CommitThenRefuse (thrown
            // on from here rather than through the template, which would mark the shared transaction rollback-only)
            CommitThenRefuse[] kept = {null};
            T result = template.execute(status -> {
                try {
                    return work.doInTransaction(status);
                } catch (CommitThenRefuse refusal) {
                    kept[0] = refusal;
                    return null;
                }
            });
            if (kept[0] != null) {
                throw kept[0];
            }
            return result;
        }
        for (int attempt = 1; ; attempt++) {
            boolean[] committing = {false};
            RuntimeException[] refusal = {null};
            T result;
            try {
                result = template.execute(status -> {
                    T value;
                    try {
                        value = work.doInTransaction(status);
                    } catch (CommitThenRefuse kept) {
                        refusal[0] = kept.refusal();
                        committing[0] = true;
                        return null;
                    }
                    beforeCommit.forEach(BeforeCommit::inTransaction);
                    committing[0] = true;
                    return value;
                });
            } catch (RuntimeException e) {
                boolean outcomeUnknown = committing[0] && DatabaseFailures.unavailable(e);
                if (outcomeUnknown || attempt >= DatabaseFailures.attempts(e)) {
                    throw e;
                }
                Backoff.pause(attempt);
                continue;
            }
            if (refusal[0] != null) {
                throw refusal[0]; // after its writes committed
            }
            return result;
        }
    }
}
