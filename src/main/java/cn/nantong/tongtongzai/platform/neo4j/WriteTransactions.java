package cn.nantong.tongtongzai.platform.neo4j;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One write transaction per call, run again when Neo4j reports a transient failure (a deadlock between
 * concurrent requests, a leader switch in a cluster). The work must be safe to repeat as a whole, which
 * it is: a failed attempt is rolled back completely.
 */
@Component
public class WriteTransactions {

    static final int ATTEMPTS = 5;

    private final TransactionTemplate template;

    WriteTransactions(PlatformTransactionManager transactionManager) {
        this.template = new TransactionTemplate(transactionManager);
    }

    public <T> T execute(TransactionCallback<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return template.execute(work); // joins the caller's transaction; the outermost call retries
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return template.execute(work);
            } catch (TransientDataAccessException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                sleep(10L * attempt * attempt);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a transaction", e);
        }
    }
}
