package cn.nantong.tongtongzai.notification;

import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.neo4j.Values;

/** Reads of one inbox, newest first, through the (inbox, createdAt) index. */
@Service
@Transactional(readOnly = true)
public class NotificationService {

    static final String NOTIFICATION = """
            n {.id, .kind, .text, createdAt: toString(n.createdAt), readAt: toString(n.readAt),
               taskId: COLLECT { MATCH (n)-[:ABOUT]->(x:Task) RETURN x.id }[0],
               requestId: COLLECT { MATCH (n)-[:ABOUT]->(x:Request) RETURN x.id }[0],
               registrationId: COLLECT { MATCH (n)-[:ABOUT]->(x:Registration) RETURN x.id }[0],
               teamClaimId: COLLECT { MATCH (n)-[:ABOUT]->(x:TeamClaim) RETURN x.id }[0],
               claimId: COLLECT { MATCH (n)-[:ABOUT]->(x:Claim) RETURN x.id }[0]}""";

    private final Neo4jClient neo4j;

    NotificationService(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    /** A page of the inbox, newest first (ties by id); only unread ones when asked. Empty for no inbox. */
    public List<Notification> inbox(String inbox, boolean unreadOnly, Page page) {
        if (inbox == null) {
            return List.of();
        }
        return neo4j.query("""
                MATCH (n:Notification) WHERE n.inbox = $inbox AND n.createdAt IS NOT NULL AND (NOT $unreadOnly OR n.readAt IS NULL)
                WITH n ORDER BY n.createdAt DESC, n.id DESC SKIP $skip LIMIT $limit
                """ + "RETURN " + NOTIFICATION + " AS value")
                .bindAll(Map.of("inbox", inbox, "unreadOnly", unreadOnly, "skip", page.skip(), "limit", page.fetchSize()))
                .fetch().all().stream().map(row -> notification(Values.map(row.get("value")))).toList();
    }

    /** How many notifications of the inbox are unread. */
    public int unread(String inbox) {
        if (inbox == null) {
            return 0;
        }
        return neo4j.query("MATCH (n:Notification) WHERE n.inbox = $inbox AND n.readAt IS NULL RETURN count(n)")
                .bind(inbox).to("inbox").fetchAs(Long.class).one().orElse(0L).intValue();
    }

    private static Notification notification(Map<String, Object> n) {
        return new Notification(Values.string(n, "id"), NotificationKind.valueOf(Values.string(n, "kind")),
                Values.string(n, "text"), Values.time(n, "createdAt"), Values.time(n, "readAt"),
                Values.string(n, "taskId"), Values.string(n, "requestId"), Values.string(n, "registrationId"),
                Values.string(n, "teamClaimId"), Values.string(n, "claimId"));
    }
}
