package cn.nantong.tongtongzai.platform.neo4j;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * The history of requests, tasks, claims and service records: every state change (and every audited
 * correction) becomes a {@code (:StateChange {at, by, action, from, to, note})} hung off the node it
 * changed by {@code HAS_EVENT}. Written in the transaction of the change itself, so a refused change
 * leaves no trace and an accepted one is never without its record.
 */
@Component
public class StateChanges {

    /** One entry of a history, as GraphQL shows it. */
    public record StateChange(OffsetDateTime at, String by, StateAction action, String from, String to, String note) {
    }

    private final Neo4jClient neo4j;

    StateChanges(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    /** Records a change of the node labelled {@code label} with id {@code id}. */
    public void record(String label, String id, StateAction action, String from, String to, String by, String note) {
        recordAll(label, List.of(id), action, from, to, by, note);
    }

    /** Records the same change of each of the nodes labelled {@code label} with the given ids, in one statement. */
    public void recordAll(String label, List<String> ids, StateAction action, String from, String to, String by, String note) {
        if (ids.isEmpty()) {
            return;
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("ids", ids);
        parameters.put("action", action.name());
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("by", by);
        parameters.put("note", note);
        neo4j.query("UNWIND $ids AS id MATCH (x:" + label + " {id: id}) "
                + "CREATE (x)-[:HAS_EVENT]->(:StateChange {at: datetime(), by: $by, action: $action, "
                + "from: $from, to: $to, note: $note})").bindAll(parameters).run();
    }

    /** The newest {@code limit} changes of each node, oldest first, in one statement. */
    public Map<String, List<StateChange>> histories(String label, List<String> ids, int limit) {
        Map<String, List<StateChange>> byId = new HashMap<>();
        neo4j.query("UNWIND $ids AS id MATCH (x:" + label + " {id: id}) "
                        + "RETURN id, COLLECT { MATCH (x)-[:HAS_EVENT]->(e:StateChange) "
                        + "WITH e ORDER BY e.at DESC LIMIT $limit "
                        + "RETURN {at: toString(e.at), by: e.by, action: e.action, from: e.from, to: e.to, note: e.note} } AS events")
                .bindAll(Map.of("ids", ids, "limit", limit)).fetch().all()
                .forEach(row -> byId.put((String) row.get("id"), ((List<?>) row.get("events")).stream()
                        .map(Values::map)
                        .map(e -> new StateChange(Values.time(e, "at"), Values.string(e, "by"),
                                StateAction.valueOf(Values.string(e, "action")), Values.string(e, "from"), Values.string(e, "to"),
                                Values.string(e, "note")))
                        .toList().reversed()));
        return byId;
    }
}
