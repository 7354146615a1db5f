package cn.nantong.tongtongzai.knowledge;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.request.RequestPosted;

/**
 * Brings data written without the knowledge feature up to date: requests posted before it (or loaded as
 * demo history) are classified, and members' occupations and interests are read. Runs once on start, in
 * the background and in batches, and touches only what was never read ({@code classifiedAt},
 * {@code profileReadAt}), so a restart does nothing twice.
 */
@Component
class KnowledgeBackfill {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBackfill.class);
    static final int BATCH = 500;

    private final Neo4jClient neo4j;
    private final PostedRequests requests;
    private final ProfileSkills profiles;
    private final boolean onStart;

    KnowledgeBackfill(Neo4jClient neo4j, PostedRequests requests, ProfileSkills profiles,
            KnowledgeProperties properties) {
        this.neo4j = neo4j;
        this.requests = requests;
        this.profiles = profiles;
        this.onStart = properties.backfillOnStart();
    }

    record Result(int requests, int members) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        if (onStart) {
            Thread.ofVirtual().name("knowledge-backfill").start(() -> {
                try {
                    Result done = run();
                    if (done.requests() + done.members() > 0) {
                        log.info("Knowledge: classified {} earlier requests and read {} members' profiles", done.requests(), done.members());
                    }
                } catch (RuntimeException e) {
                    log.warn("Knowledge backfill stopped; it resumes on the next start", e);
                }
            });
        }
    }

    Result run() {
        int classified = 0;
        while (true) {
            List<RequestPosted> batch = neo4j.query("""
                    MATCH (r:Request)
                    WHERE r.classifiedAt IS NULL AND r.state <> 'MERGED' AND NOT EXISTS { (r)-[:NEEDS_SKILL]->() }
                    RETURN r.id AS id, r.text AS text LIMIT $batch""").bind(BATCH).to("batch").fetch().all().stream()
                    .map(row -> new RequestPosted(Values.string(row, "id"), Values.string(row, "text"))).toList();
            if (batch.isEmpty()) {
                break;
            }
            requests.record(batch);
            classified += batch.size();
        }
        int read = 0;
        while (true) {
            List<String> batch = List.copyOf(neo4j.query("""
                    MATCH (m:Member)
                    WHERE m.profileReadAt IS NULL AND (m.occupation IS NOT NULL OR size(coalesce(m.interests, [])) > 0)
                    RETURN m.id LIMIT $batch""").bind(BATCH).to("batch").fetchAs(String.class).all());
            if (batch.isEmpty()) {
                break;
            }
            profiles.read(batch);
            read += batch.size();
        }
        return new Result(classified, read);
    }
}
