package cn.nantong.tongtongzai.support;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.event.LabelEntry;
import org.neo4j.graphdb.event.PropertyEntry;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListener;

/**
 * Watches the reference data the migrations create (post categories, skills, occupations, example requests and
 * the relationships among them) so that {@link TestDatabase#reset} may keep it between tests instead of deleting
 * and creating it again, which was most of a reset's time. Any committed change that may touch it marks it
 * touched, and the next reset rebuilds it from the migrations. Errs on the side of "touched".
 */
final class ReferenceData {

    static final Set<String> LABELS = Set.of("PostCategory", "Skill", "Occupation", "ExampleRequest");
    private static final Set<String> TYPES = Set.of("SERVES", "BROADER", "EXAMPLE_OF", "IMPLIES_SKILL", "SUBSTITUTES");

    private static final AtomicBoolean touched = new AtomicBoolean(true);
    private static volatile boolean watching;

    private ReferenceData() {
    }

    /** From now on, changes to the default database of this service are watched. */
    static synchronized void watch(DatabaseManagementService service) {
        if (!watching) {
            service.registerTransactionEventListener(GraphDatabaseSettings.DEFAULT_DATABASE_NAME, new Listener());
            watching = true;
        }
    }

    /** True (and watching from then on as untouched) if the reference data may have changed since the last call. */
    static boolean touchedSinceLastAsked() {
        return !watching || touched.getAndSet(false);
    }

    /** A reset that rebuilt the reference data: untouched from here. */
    static void rebuilt() {
        touched.set(false);
    }

    private static final class Listener implements TransactionEventListener<Boolean> {

        @Override
        public Boolean beforeCommit(TransactionData data, Transaction transaction, GraphDatabaseService database) {
            try {
                return touches(data);
            } catch (RuntimeException unreadable) {
                return true;
            }
        }

        @Override
        public void afterCommit(TransactionData data, Boolean touches, GraphDatabaseService database) {
            if (touches == null || touches) {
                touched.set(true);
            }
        }

        @Override
        public void afterRollback(TransactionData data, Boolean touches, GraphDatabaseService database) {
        }

        private static boolean touches(TransactionData data) {
            for (Node node : data.createdNodes()) {
                if (reference(node)) {
                    return true;
                }
            }
            for (LabelEntry entry : data.assignedLabels()) {
                if (LABELS.contains(entry.label().name())) {
                    return true;
                }
            }
            for (LabelEntry entry : data.removedLabels()) { // also the labels of deleted nodes
                if (LABELS.contains(entry.label().name())) {
                    return true;
                }
            }
            for (Relationship relationship : data.createdRelationships()) {
                if (TYPES.contains(relationship.getType().name())) {
                    return true;
                }
            }
            for (Relationship relationship : data.deletedRelationships()) {
                if (TYPES.contains(relationship.getType().name())) {
                    return true;
                }
            }
            return properties(data, data.assignedNodeProperties()) || properties(data, data.removedNodeProperties())
                    || properties(data, data.assignedRelationshipProperties()) || properties(data, data.removedRelationshipProperties());
        }

        private static <T extends Entity> boolean properties(TransactionData data, Iterable<PropertyEntry<T>> entries) {
            for (PropertyEntry<T> entry : entries) {
                T entity = entry.entity();
                boolean deleted = entity instanceof Node node ? data.isDeleted(node) : data.isDeleted((Relationship) entity);
                if (deleted) {
                    continue; // a deleted node's labels and a deleted relationship's type were looked at above
                }
                if (entity instanceof Node node ? reference(node) : TYPES.contains(((Relationship) entity).getType().name())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean reference(Node node) {
            for (var label : node.getLabels()) {
                if (LABELS.contains(label.name())) {
                    return true;
                }
            }
            return false;
        }
    }
}
