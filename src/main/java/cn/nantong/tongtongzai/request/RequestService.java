package cn.nantong.tongtongzai.request;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.platform.graphql.NestedPage;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.graphql.Search;
import cn.nantong.tongtongzai.platform.time.Days;
import cn.nantong.tongtongzai.request.RequestRecords.RequestOrder;
import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.request.RequestRecords.RequestFilter;

import static cn.nantong.tongtongzai.platform.neo4j.Values.string;
import static cn.nantong.tongtongzai.platform.neo4j.Values.time;

/** Reads of residents' requests. */
@Service
@Transactional(readOnly = true)
public class RequestService {

    static final String REQUEST = """
            r {.id, .text, .urgency, .state, .rejectReason, preferredFrom: toString(r.preferredFrom),
               preferredTo: toString(r.preferredTo), submittedAt: toString(r.submittedAt), decidedAt: toString(r.decidedAt),
               resolvedAt: toString(r.resolvedAt),
               residentId: COLLECT { MATCH (r)-[:POSTED_BY]->(x:Resident) RETURN x.id }[0],
               enteredById: COLLECT { MATCH (r)-[:ENTERED_BY]->(x:Member) RETURN x.id }[0],
               placeId: COLLECT { MATCH (r)-[:AT]->(x:MicroGrid) RETURN x.id }[0],
               communityId: COLLECT { MATCH (r)-[:IN_COMMUNITY]->(x:Community) RETURN x.id }[0],
               categoryId: COLLECT { MATCH (r)-[:IN_CATEGORY]->(x:PostCategory) RETURN x.id }[0],
               taskId: COLLECT { MATCH (r)-[:SERVED_BY]->(x:Task) RETURN x.id }[0],
               duplicateOfId: COLLECT { MATCH (r)-[:DUPLICATE_OF]->(x:Request) RETURN x.id }[0]}""";

    private final Neo4jClient neo4j;

    RequestService(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    public Optional<Request> request(String id) {
        return neo4j.query("MATCH (r:Request {id: $id}) RETURN " + REQUEST + " AS value").bind(id).to("id")
                .fetch().one().map(row -> request(row.get("value")));
    }

    public Map<String, Request> requests(Collection<String> ids) {
        Map<String, Request> byId = new HashMap<>();
        neo4j.query("UNWIND $ids AS id MATCH (r:Request {id: id}) RETURN id, " + REQUEST + " AS value")
                .bind(List.copyOf(ids)).to("ids").fetch().all()
                .forEach(row -> byId.put((String) row.get("id"), request(row.get("value"))));
        return byId;
    }

    /** Requests matching every filter, newest first unless asked otherwise. */
    public List<Request> requests(RequestFilter filter, RequestOrder order, Page page) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("skip", page.skip());
        parameters.put("limit", page.fetchSize());
        String sort = order == null ? "r.submittedAt DESC, r.id" : order.cypher();
        return neo4j.query(requestsMatching(filter, parameters) + " RETURN " + REQUEST + " AS value ORDER BY " + sort
                        + " SKIP $skip LIMIT $limit")
                .bindAll(parameters).fetch().all().stream().map(row -> request(row.get("value"))).toList();
    }

    public long countRequests(RequestFilter filter) {
        Map<String, Object> parameters = new HashMap<>();
        return neo4j.query(requestsMatching(filter, parameters) + " RETURN count(r) AS n").bindAll(parameters)
                .fetchAs(Long.class).one().orElse(0L);
    }

    /** MATCH … WHERE of the requests matching every filter; {@code search} is part of their text. */
    private static String requestsMatching(RequestFilter filter, Map<String, Object> parameters) {
        RequestFilter f = filter != null ? filter : new RequestFilter(null, null, null, null, null, null, null, null, null, null);
        List<String> conditions = new ArrayList<>();
        String match;
        if (f.residentId() != null) {
            match = "MATCH (:Resident {id: $residentId})<-[:POSTED_BY]-(r:Request)";
            parameters.put("residentId", f.residentId());
            if (f.communityId() != null) {
                conditions.add("EXISTS { (r)-[:IN_COMMUNITY]->(:Community {id: $communityId}) }");
            }
        } else if (f.communityId() != null) {
            match = "MATCH (:Community {id: $communityId})<-[:IN_COMMUNITY]-(r:Request)";
        } else {
            match = "MATCH (r:Request)";
        }
        if (f.communityId() != null) {
            parameters.put("communityId", f.communityId());
        }
        if (f.state() != null) {
            parameters.put("state", f.state());
            conditions.add("r.state = $state");
        }
        if (f.gridId() != null) {
            parameters.put("gridId", f.gridId());
            conditions.add("EXISTS { (r)-[:AT]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)"
                    + "-[:SERVES_GRID]->(:Grid {id: $gridId}) }");
        }
        if (f.buildingId() != null) {
            parameters.put("buildingId", f.buildingId());
            conditions.add("EXISTS { (r)-[:AT]->(:MicroGrid {id: $buildingId}) }");
        }
        if (f.urgency() != null) {
            parameters.put("urgency", f.urgency());
            conditions.add("r.urgency = $urgency");
        }
        if (f.categoryId() != null) {
            parameters.put("categoryId", f.categoryId());
            conditions.add("EXISTS { (r)-[:IN_CATEGORY]->(:PostCategory {id: $categoryId}) }");
        }
        conditions.addAll(Days.within("r.submittedAt", "submitted", f.from(), f.to(), parameters));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return Search.start("request_search", "r", f.search(), parameters) + match + where;
    }

    /** The requests a task serves (accepted into it), oldest first; bounded in practice by one task's scope. */
    Map<String, List<Request>> requestsOfTasks(Collection<String> taskIds) {
        return lists("MATCH (:Task {id: id})<-[:SERVED_BY]-(r:Request)", taskIds);
    }

    /** Requests merged into each request as duplicates. */
    Map<String, List<Request>> duplicatesOf(Collection<String> requestIds) {
        return lists("MATCH (:Request {id: id})<-[:DUPLICATE_OF]-(r:Request)", requestIds);
    }

    Map<NestedPage, List<Request>> requestsOfResidents(Collection<NestedPage> pages) {
        return NestedPage.load(neo4j, pages, """
                MATCH (:Resident {id: key.parentId})<-[:POSTED_BY]-(r:Request)
                WHERE key.argument IS NULL OR r.state IN ['SUBMITTED', 'ACCEPTED']
                WITH r ORDER BY r.submittedAt DESC, r.id
                RETURN collect(%s) AS all""".formatted(REQUEST), RequestService::request);
    }

    private Map<String, List<Request>> lists(String match, Collection<String> ids) {
        Map<String, List<Request>> byId = new HashMap<>();
        neo4j.query("UNWIND $ids AS id CALL (id) { " + match + " WITH r ORDER BY r.submittedAt, r.id LIMIT 200 RETURN collect("
                        + REQUEST + ") AS value } RETURN id, value")
                .bind(List.copyOf(ids)).to("ids").fetch().all()
                .forEach(row -> byId.put((String) row.get("id"),
                        ((List<?>) row.get("value")).stream().map(RequestService::request).toList()));
        return byId;
    }

    static Request request(Object value) {
        Map<String, Object> r = Values.map(value);
        return new Request(string(r, "id"), string(r, "text"), string(r, "urgency"), time(r, "preferredFrom"),
                time(r, "preferredTo"), string(r, "state"), string(r, "rejectReason"), time(r, "submittedAt"),
                time(r, "decidedAt"), time(r, "resolvedAt"), string(r, "residentId"), string(r, "enteredById"),
                string(r, "placeId"), string(r, "communityId"), string(r, "categoryId"), string(r, "taskId"),
                string(r, "duplicateOfId"));
    }
}
