package cn.nantong.tongtongzai.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;
import cn.nantong.tongtongzai.request.RequestPosted;

/**
 * Classifies every request as it is posted and, when the classifier is sure enough, records the skills it
 * needs ({@code NEEDS_SKILL {by: 'CLASSIFIER', confidence}}) — the data capability gaps and analysts read.
 * A secretary's correction replaces them. Runs in the posting transaction just before it commits, so a
 * request and its classification are written together (and retried together).
 */
@Component
class PostedRequests {

    /** Skills recorded per request: the best ones, within half of the best score. */
    static final int MAX_SKILLS = 3;

    private final RequestClassifier classifier;
    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;

    PostedRequests(RequestClassifier classifier, Neo4jClient neo4j, WriteTransactions transactions) {
        this.classifier = classifier;
        this.neo4j = neo4j;
        this.transactions = transactions;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void posted(RequestPosted event) {
        record(List.of(event));
    }

    /**
     * Classifies the requests and keeps the skills of those the classifier is sure of, unless a request has
     * skills already (a secretary's); marks every one as read ({@code classifiedAt}) either way.
     */
    void record(List<RequestPosted> posted) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RequestPosted request : posted) {
            RequestClassifier.Classification c = classifier.classify(request.text());
            List<String> skills = List.of();
            // sure of the category: record only skills the keyword graph found (the sentence model's nearest skill is a suggestion)
            if (c.classified() && !c.skills().isEmpty() && c.skills().getFirst().score() > 0) {
                double best = c.skills().getFirst().score();
                skills = c.skills().stream().filter(s -> s.categoryId().equals(c.categoryId()) && s.score() >= best / 2)
                        .limit(MAX_SKILLS).map(RequestClassifier.SkillMatch::skillId).toList();
            }
            Map<String, Object> row = new HashMap<>();
            row.put("id", request.requestId());
            row.put("skills", skills);
            row.put("confidence", c.confidence());
            rows.add(row);
        }
        transactions.execute(status -> neo4j.query("""
                UNWIND $rows AS row
                MATCH (r:Request {id: row.id})
                SET r.classifiedAt = datetime()
                WITH r, row
                WHERE NOT EXISTS { (r)-[:NEEDS_SKILL]->() }
                UNWIND row.skills AS skillId
                MATCH (s:Skill {id: skillId})
                CREATE (r)-[:NEEDS_SKILL {by: 'CLASSIFIER', confidence: row.confidence, at: datetime()}]->(s)""")
                .bind(rows).to("rows").run());
    }
}
