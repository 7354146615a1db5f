package cn.nantong.tongtongzai.knowledge;

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
        record(event);
    }

    void record(RequestPosted event) {
        RequestClassifier.Classification c = classifier.classify(event.text());
        // sure of the category but no skill named (only the example model spoke): nothing to record
        if (!c.classified() || c.skills().isEmpty()) {
            return;
        }
        double best = c.skills().getFirst().score();
        List<String> skills = c.skills().stream().filter(s -> s.categoryId().equals(c.categoryId()) && s.score() >= best / 2)
                .limit(MAX_SKILLS).map(RequestClassifier.SkillMatch::skillId).toList();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", event.requestId());
        parameters.put("skills", skills);
        parameters.put("confidence", c.confidence());
        transactions.execute(status -> neo4j.query("""
                MATCH (r:Request {id: $id})
                WHERE NOT EXISTS { (r)-[:NEEDS_SKILL]->() }
                UNWIND $skills AS skillId
                MATCH (s:Skill {id: skillId})
                CREATE (r)-[:NEEDS_SKILL {by: 'CLASSIFIER', confidence: $confidence, at: datetime()}]->(s)""")
                .bindAll(parameters).run());
    }
}
