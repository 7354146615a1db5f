package cn.nantong.tongtongzai.notification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;
import cn.nantong.tongtongzai.platform.security.AccessRefusedException;

/**
 * Writes to inboxes: {@code (:Member|:Resident)-[:HAS_NOTIFICATION]->(:Notification {id, kind, text, createdAt,
 * readAt, inbox})-[:ABOUT]->(:Task|:Request|:Registration|:TeamClaim|:Claim)}. {@code inbox} ("Member/M000004")
 * repeats the owner so that one index (inbox, createdAt) answers a page of it in order without walking the person.
 */
@Component
class Inbox {

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;

    Inbox(Neo4jClient neo4j, WriteTransactions transactions) {
        this.neo4j = neo4j;
        this.transactions = transactions;
    }

    /** Delivers the notices in the caller's transaction (one is opened only when there is none). */
    void deliver(List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Notice notice : notices) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", "N-" + UUID.randomUUID());
            row.put("label", notice.recipient().label);
            row.put("recipientId", notice.recipientId());
            row.put("inbox", notice.inbox());
            row.put("kind", notice.kind().name());
            row.put("text", notice.text());
            row.put("taskId", notice.about().taskId());
            row.put("requestId", notice.about().requestId());
            row.put("registrationId", notice.about().registrationId());
            row.put("teamClaimId", notice.about().teamClaimId());
            row.put("claimId", notice.about().claimId());
            rows.add(row);
        }
        transactions.execute(status -> neo4j.query("""
                UNWIND $rows AS row
                CALL (row) {
                  MATCH (p:Member {id: row.recipientId}) WHERE row.label = 'Member' RETURN p
                  UNION
                  MATCH (p:Resident {id: row.recipientId}) WHERE row.label = 'Resident' RETURN p
                }
                CREATE (p)-[:HAS_NOTIFICATION]->(n:Notification {id: row.id, kind: row.kind, text: row.text,
                                                                 createdAt: datetime(), inbox: row.inbox})
                WITH n, row
                CALL (n, row) {
                  MATCH (x:Task {id: row.taskId})
                  CREATE (n)-[:ABOUT]->(x)
                }
                CALL (n, row) {
                  MATCH (x:Request {id: row.requestId})
                  CREATE (n)-[:ABOUT]->(x)
                }
                CALL (n, row) {
                  MATCH (x:Registration {id: row.registrationId})
                  CREATE (n)-[:ABOUT]->(x)
                }
                CALL (n, row) {
                  MATCH (x:TeamClaim {id: row.teamClaimId})
                  CREATE (n)-[:ABOUT]->(x)
                }
                CALL (n, row) {
                  MATCH (x:Claim {id: row.claimId})
                  CREATE (n)-[:ABOUT]->(x)
                }""").bind(rows).to("rows").run());
    }

    /**
     * Marks the given notifications of the inbox as read, or all of it when {@code ids} is null; returns how many
     * were unread. An id that is not in this inbox — someone else's, or none at all — refuses the whole call with
     * NOT_FOUND before anything is written.
     */
    int markRead(String inbox, List<String> ids) {
        return transactions.execute(status -> {
            if (ids != null) {
                List<String> distinct = ids.stream().distinct().toList();
                long mine = inbox == null ? 0 : neo4j.query("""
                        UNWIND $ids AS id
                        MATCH (n:Notification {id: id}) WHERE n.inbox = $inbox
                        RETURN count(n)""").bindAll(Map.of("ids", distinct, "inbox", inbox))
                        .fetchAs(Long.class).one().orElse(0L);
                if (mine < distinct.size()) {
                    throw AccessRefusedException.notFound();
                }
                return neo4j.query("""
                        UNWIND $ids AS id
                        MATCH (n:Notification {id: id}) WHERE n.readAt IS NULL
                        SET n.readAt = datetime()
                        RETURN count(n)""").bind(distinct).to("ids").fetchAs(Long.class).one().orElse(0L).intValue();
            }
            if (inbox == null) {
                return 0;
            }
            return neo4j.query("""
                    MATCH (n:Notification) WHERE n.inbox = $inbox AND n.readAt IS NULL
                    SET n.readAt = datetime()
                    RETURN count(n)""").bind(inbox).to("inbox").fetchAs(Long.class).one().orElse(0L).intValue();
        });
    }
}
