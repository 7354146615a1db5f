package cn.nantong.tongtongzai.platform.security;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.nantong.tongtongzai.platform.neo4j.BeforeCommit;

/**
 * The audit entry of a successful mutation, written in the mutation's own write transaction: it commits with
 * the mutation's changes or not at all, so a process killed between the commit and the answer leaves no change
 * without its entry. The mutation's fetcher runs on the request's thread and names itself here for the time it
 * runs; its first write transaction that commits carries the entry. Mutations that write nothing, or not
 * through WriteTransactions, get their entry when the request ends (AuditInterceptor), as refusals do.
 */
@Component
class MutationAudit implements BeforeCommit {

    /** The mutation running on this thread, and whether a transaction of it has committed its entry. */
    static final class Running {
        final Actor actor;
        final String requestId;
        final String client;
        final String operation;
        final List<String> targets;
        volatile boolean written;

        Running(Actor actor, String requestId, String client, String operation, List<String> targets) {
            this.actor = actor;
            this.requestId = requestId;
            this.client = client;
            this.operation = operation;
            this.targets = targets;
        }
    }

    private static final ThreadLocal<Running> RUNNING = new ThreadLocal<>();

    private final Neo4jClient neo4j;

    MutationAudit(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    static void begin(Running running) {
        RUNNING.set(running);
    }

    static void end() {
        RUNNING.remove();
    }

    @Override
    public void inTransaction() {
        Running running = RUNNING.get();
        if (running == null || running.written || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        neo4j.query("""
                CREATE (:AuditEntry {id: $id, at: datetime($at), actor: $actor, roles: $roles, kind: 'MUTATION',
                        operation: $operation, targets: $targets, outcome: 'OK', code: null,
                        requestId: $requestId, client: $client})""")
                .bindAll(Map.of("id", UUID.randomUUID().toString(), "at", OffsetDateTime.now(ZoneOffset.ofHours(8)).toString(),
                        "actor", running.actor.id(),
                        "roles", running.actor.roles().stream().map(Role::name).sorted().toList(),
                        "operation", running.operation, "targets", running.targets,
                        "requestId", running.requestId == null ? "" : running.requestId,
                        "client", running.client == null ? "" : running.client))
                .run();
        // written only once that transaction has committed: an attempt rolled back and run again writes it again
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    running.written = true;
                }
            }
        });
    }
}
