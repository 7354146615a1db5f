package cn.nantong.tongtongzai.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.platform.graphql.NestedPage;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.graphql.Search;
import cn.nantong.tongtongzai.platform.time.Days;
import cn.nantong.tongtongzai.task.TaskRecords.TaskOrder;
import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.platform.time.Period;
import cn.nantong.tongtongzai.task.TaskRecords.ServiceHours;
import cn.nantong.tongtongzai.task.TaskRecords.StreetSupport;
import cn.nantong.tongtongzai.task.TaskRecords.TaskFilter;

import static cn.nantong.tongtongzai.platform.neo4j.Values.bool;
import static cn.nantong.tongtongzai.platform.neo4j.Values.integer;
import static cn.nantong.tongtongzai.platform.neo4j.Values.optionalInteger;
import static cn.nantong.tongtongzai.platform.neo4j.Values.string;
import static cn.nantong.tongtongzai.platform.neo4j.Values.strings;
import static cn.nantong.tongtongzai.platform.neo4j.Values.time;

/** Reads of tasks, claims, service records and posts; batch methods answer many parents in one statement. */
@Service
@Transactional(readOnly = true)
public class TaskService {

    static final String TASK = """
            t {.id, .title, .description, .kind, .difficulty, .headcount, .audience, .state, .cancelReason,
               .verificationCode, startsAt: toString(t.startsAt), endsAt: toString(t.endsAt),
               createdAt: toString(t.createdAt), publishedAt: toString(t.publishedAt),
               communityId: COLLECT { MATCH (t)-[:OF_COMMUNITY]->(x:Community) RETURN x.id }[0],
               placeId: COLLECT { MATCH (t)-[:AT]->(x:MicroGrid) RETURN x.id }[0],
               categoryId: COLLECT { MATCH (t)-[:IN_CATEGORY]->(x:PostCategory) RETURN x.id }[0],
               skillIds: COLLECT { MATCH (t)-[:REQUIRES_SKILL]->(x:Skill) RETURN x.id ORDER BY x.id },
               teamIds: COLLECT { MATCH (t)-[:FOR_TEAM]->(x) RETURN x.id ORDER BY x.id },
               claimed: COUNT { MATCH (t)<-[:FOR_TASK]-(c:Claim) WHERE c.activeKey IS NOT NULL }}""";
    static final String CLAIM = """
            c {.id, .state, .source, .claimedBy, claimedAt: toString(c.claimedAt), withdrawnAt: toString(c.withdrawnAt),
               taskId: COLLECT { MATCH (c)-[:FOR_TASK]->(x:Task) RETURN x.id }[0],
               memberId: COLLECT { MATCH (c)<-[:MADE]-(x:Member) RETURN x.id }[0],
               teamClaimId: COLLECT { MATCH (c)-[:PART_OF]->(x:TeamClaim) RETURN x.id }[0],
               supportFromId: COLLECT { MATCH (c)-[:SUPPORT_FROM]->(x:Community) RETURN x.id }[0]}""";
    static final String TEAM_CLAIM = """
            tc {.id, .claimedBy, claimedAt: toString(tc.claimedAt), source: coalesce(tc.source, 'SELF'),
                taskId: COLLECT { MATCH (tc)-[:FOR_TASK]->(x:Task) RETURN x.id }[0],
                teamId: COLLECT { MATCH (tc)<-[:MADE]-(x) RETURN x.id }[0],
                teamName: COLLECT { MATCH (tc)<-[:MADE]-(x) RETURN x.name }[0],
                supportFromId: COLLECT { MATCH (tc)-[:SUPPORT_FROM]->(x:Community) RETURN x.id }[0]}""";
    static final String RECORD = """
            sr {.id, .minutes, checkInAt: toString(sr.checkInAt), checkOutAt: toString(sr.checkOutAt),
                autoClosed: coalesce(sr.autoClosed, false), corrected: coalesce(sr.corrected, false),
                memberId: COLLECT { MATCH (sr)<-[:SERVED]-(x:Member) RETURN x.id }[0],
                claimId: COLLECT { MATCH (sr)-[:FOR_CLAIM]->(x:Claim) RETURN x.id }[0],
                postId: COLLECT { MATCH (sr)-[:AT_POST]->(x:ServicePost) RETURN x.id }[0]}""";
    static final String POST = """
            p {.id, .name, .description, .codeSecret, active: coalesce(p.active, true),
               categoryId: COLLECT { MATCH (p)-[:IN_CATEGORY]->(x:PostCategory) RETURN x.id }[0],
               communityId: COLLECT { MATCH (p)<-[:HAS_POST]-(x:Community) RETURN x.id }[0]}""";

    private final Neo4jClient neo4j;

    TaskService(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    public Optional<Task> task(String id) {
        return one("MATCH (t:Task {id: $id}) RETURN " + TASK + " AS value", id, TaskService::task);
    }

    public Map<String, Task> tasks(Collection<String> ids) {
        return byId("UNWIND $ids AS id MATCH (t:Task {id: id}) RETURN id, " + TASK + " AS value", ids, TaskService::task);
    }

    /**
     * Tasks by filter, latest start first unless asked otherwise; {@code withDrafts} false: only what members may
     * see (published and later).
     */
    public List<Task> tasks(TaskFilter filter, TaskOrder order, Page page, boolean withDrafts) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("skip", page.skip());
        parameters.put("limit", page.fetchSize());
        String sort = order == null ? "t.startsAt DESC, t.id" : order.cypher();
        return neo4j.query(tasksMatching(filter, withDrafts, parameters) + " RETURN " + TASK + " AS value ORDER BY " + sort
                        + " SKIP $skip LIMIT $limit")
                .bindAll(parameters).fetch().all().stream().map(row -> task(row.get("value"))).toList();
    }

    public long countTasks(TaskFilter filter, boolean withDrafts) {
        Map<String, Object> parameters = new HashMap<>();
        return neo4j.query(tasksMatching(filter, withDrafts, parameters) + " RETURN count(t) AS n").bindAll(parameters)
                .fetchAs(Long.class).one().orElse(0L);
    }

    /** MATCH … WHERE of the tasks matching every filter; {@code search} is part of their title or description. */
    private static String tasksMatching(TaskFilter filter, boolean withDrafts, Map<String, Object> parameters) {
        TaskFilter f = filter != null ? filter : new TaskFilter(null, null, null, null, null, null, null, null, null, null);
        List<String> conditions = new ArrayList<>();
        String match;
        if (f.memberId() != null) {
            match = "MATCH (:Member {id: $memberId})-[:MADE]->(:Claim)-[:FOR_TASK]->(t:Task) WITH DISTINCT t";
            parameters.put("memberId", f.memberId());
            if (f.communityId() != null) {
                conditions.add("EXISTS { (t)-[:OF_COMMUNITY]->(:Community {id: $communityId}) }");
            }
        } else if (f.communityId() != null) {
            match = "MATCH (:Community {id: $communityId})<-[:OF_COMMUNITY]-(t:Task)";
        } else {
            match = "MATCH (t:Task)";
        }
        if (f.communityId() != null) {
            parameters.put("communityId", f.communityId());
        }
        if (f.teamId() != null) {
            // offered to the team itself, or to the functional branch whose group it is (its groups may claim)
            parameters.put("teamId", f.teamId());
            conditions.add("(EXISTS { (t)-[:FOR_TEAM]->({id: $teamId}) }"
                    + " OR EXISTS { (t)-[:FOR_TEAM]->(:FunctionalBranch)-[:HAS_FUNCTIONAL_GROUP]->(:FunctionalGroup {id: $teamId}) })");
        }
        if (f.gridId() != null) {
            parameters.put("gridId", f.gridId());
            conditions.add("EXISTS { (t)-[:AT]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)"
                    + "-[:SERVES_GRID]->(:Grid {id: $gridId}) }");
        }
        if (!withDrafts) {
            conditions.add("t.state <> 'DRAFT'");
        }
        for (String field : List.of("state", "kind", "audience")) {
            String value = switch (field) {
                case "state" -> f.state();
                case "kind" -> f.kind();
                default -> f.audience();
            };
            if (value != null) {
                parameters.put(field, value);
                conditions.add("t." + field + " = $" + field);
            }
        }
        conditions.addAll(Days.within("t.startsAt", "starts", f.from(), f.to(), parameters));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return Search.start("task_search", "t", f.search(), parameters) + match + where;
    }

    public Optional<Claim> claim(String id) {
        return one("MATCH (c:Claim {id: $id}) RETURN " + CLAIM + " AS value", id, TaskService::claim);
    }

    public Map<String, Claim> claims(Collection<String> ids) {
        return byId("UNWIND $ids AS id MATCH (c:Claim {id: id}) RETURN id, " + CLAIM + " AS value", ids, TaskService::claim);
    }

    public Optional<TeamClaim> teamClaim(String id) {
        return one("MATCH (tc:TeamClaim {id: $id}) RETURN " + TEAM_CLAIM + " AS value", id, TaskService::teamClaim);
    }

    public Map<String, TeamClaim> teamClaims(Collection<String> ids) {
        return byId("UNWIND $ids AS id MATCH (tc:TeamClaim {id: id}) RETURN id, " + TEAM_CLAIM + " AS value", ids,
                TaskService::teamClaim);
    }

    public Optional<ServiceRecord> record(String id) {
        return one("MATCH (sr:ServiceRecord {id: $id}) RETURN " + RECORD + " AS value", id, TaskService::record);
    }

    public Optional<ServicePost> post(String id) {
        return one("MATCH (p:ServicePost {id: $id}) RETURN " + POST + " AS value", id, TaskService::post);
    }

    public Map<String, ServicePost> posts(Collection<String> ids) {
        return byId("UNWIND $ids AS id MATCH (p:ServicePost {id: id}) RETURN id, " + POST + " AS value", ids, TaskService::post);
    }

    /** A community's posts, by name. */
    public List<ServicePost> postsOfCommunity(String communityId, Page page) {
        return neo4j.query("MATCH (:Community {id: $id})-[:HAS_POST]->(p:ServicePost) RETURN " + POST
                        + " AS value ORDER BY p.name, p.id SKIP $skip LIMIT $limit")
                .bindAll(Map.of("id", communityId, "skip", page.skip(), "limit", page.fetchSize()))
                .fetch().all().stream().map(row -> post(row.get("value"))).toList();
    }

    /** The claims on each task: active ones, or all (withdrawn included) — bounded by the headcount. */
    Map<String, List<Claim>> claimsOfTasks(Collection<String> taskIds, boolean includeWithdrawn) {
        return lists("""
                UNWIND $ids AS id MATCH (t:Task {id: id})
                RETURN id, COLLECT { MATCH (t)<-[:FOR_TASK]-(c:Claim) WHERE $all OR c.activeKey IS NOT NULL
                                     WITH c ORDER BY c.claimedAt, c.id RETURN %s } AS value""".formatted(CLAIM),
                taskIds, Map.of("all", includeWithdrawn), TaskService::claim);
    }

    Map<String, List<TeamClaim>> teamClaimsOfTasks(Collection<String> taskIds) {
        return lists("""
                UNWIND $ids AS id MATCH (t:Task {id: id})
                RETURN id, COLLECT { MATCH (t)<-[:FOR_TASK]-(tc:TeamClaim) WITH tc ORDER BY tc.claimedAt, tc.id RETURN %s } AS value"""
                .formatted(TEAM_CLAIM), taskIds, Map.of(), TaskService::teamClaim);
    }

    Map<String, List<ServiceRecord>> recordsOfClaims(Collection<String> claimIds) {
        return lists("""
                UNWIND $ids AS id MATCH (c:Claim {id: id})
                RETURN id, COLLECT { MATCH (c)<-[:FOR_CLAIM]-(sr:ServiceRecord) WITH sr ORDER BY sr.checkInAt, sr.id RETURN %s } AS value"""
                .formatted(RECORD), claimIds, Map.of(), TaskService::record);
    }

    Map<String, List<ServicePost>> postsOfMembers(Collection<String> memberIds) {
        return lists("""
                UNWIND $ids AS id MATCH (m:Member {id: id})
                RETURN id, COLLECT { MATCH (m)-[:HOLDS_POST]->(p:ServicePost) WITH p ORDER BY p.name, p.id RETURN %s } AS value"""
                .formatted(POST), memberIds, Map.of(), TaskService::post);
    }

    Map<String, List<String>> holdersOfPosts(Collection<String> postIds) {
        Map<String, List<String>> byId = new HashMap<>();
        neo4j.query("""
                UNWIND $ids AS id MATCH (p:ServicePost {id: id})
                RETURN id, COLLECT { MATCH (p)<-[:HOLDS_POST]-(m:Member) RETURN m.id ORDER BY m.id } AS value""")
                .bindAll(Map.of("ids", List.copyOf(postIds))).fetch().all()
                .forEach(row -> byId.put((String) row.get("id"), strings(row, "value")));
        return byId;
    }

    /** A member's claims, newest first, optionally in one state. */
    Map<NestedPage, List<Claim>> claimsOfMembers(Collection<NestedPage> pages) {
        return NestedPage.load(neo4j, pages, """
                MATCH (:Member {id: key.parentId})-[:MADE]->(c:Claim)
                WHERE key.argument IS NULL OR c.state = key.argument
                WITH c ORDER BY c.claimedAt DESC, c.id
                RETURN collect(%s) AS all""".formatted(CLAIM), TaskService::claim);
    }

    /** A member's service records, newest first. */
    Map<NestedPage, List<ServiceRecord>> recordsOfMembers(Collection<NestedPage> pages) {
        return NestedPage.load(neo4j, pages, """
                MATCH (:Member {id: key.parentId})-[:SERVED]->(sr:ServiceRecord)
                WITH sr ORDER BY sr.checkInAt DESC, sr.id
                RETURN collect(%s) AS all""".formatted(RECORD), TaskService::record);
    }

    /** Hours each member served in the period (records by check-in time; open ones do not count yet). */
    public Map<String, ServiceHours> hours(Collection<String> memberIds, Period period) {
        Map<String, ServiceHours> byId = new HashMap<>();
        neo4j.query("""
                UNWIND $ids AS id MATCH (m:Member {id: id})
                CALL (m) {
                  OPTIONAL MATCH (m)-[:SERVED]->(sr:ServiceRecord)
                  WHERE sr.checkInAt >= $from AND sr.checkInAt < $to AND sr.minutes IS NOT NULL
                  RETURN sum(sr.minutes) AS minutes, count(sr) AS records
                }
                RETURN id, minutes, records""")
                .bindAll(Map.of("ids", List.copyOf(memberIds), "from", period.from(), "to", period.to()))
                .fetch().all()
                .forEach(row -> byId.put((String) row.get("id"), new ServiceHours(period.kind(),
                        period.firstDay(), period.lastDay(),
                        Math.round(Values.longValue(row, "minutes") / 60.0 * 100) / 100.0, integer(row, "records"))));
        return byId;
    }

    /**
     * 下沉一线支援 per community in a period: active support claims its members made on other communities' tasks
     * and the hours they served there, and the same for support its own tasks received; claims by claim time,
     * hours by check-in (closed records), as {@link #hours} counts them.
     */
    public Map<String, StreetSupport> streetSupport(Collection<String> communityIds, Period period) {
        Map<String, StreetSupport> byId = new HashMap<>();
        neo4j.query("""
                UNWIND $ids AS id MATCH (home:Community {id: id})
                CALL (home) {
                  OPTIONAL MATCH (home)<-[:SUPPORT_FROM]-(c:Claim {state: 'ACTIVE'})
                  WHERE c.claimedAt >= $from AND c.claimedAt < $to
                  RETURN count(c) AS claimsGiven
                }
                CALL (home) {
                  OPTIONAL MATCH (home)<-[:SUPPORT_FROM]-(:Claim)<-[:FOR_CLAIM]-(sr:ServiceRecord)
                  WHERE sr.checkInAt >= $from AND sr.checkInAt < $to AND sr.minutes IS NOT NULL
                  RETURN sum(sr.minutes) AS minutesGiven
                }
                CALL (home) {
                  OPTIONAL MATCH (home)<-[:OF_COMMUNITY]-(:Task)<-[:FOR_TASK]-(c:Claim {state: 'ACTIVE'})-[:SUPPORT_FROM]->(:Community)
                  WHERE c.claimedAt >= $from AND c.claimedAt < $to
                  RETURN count(c) AS claimsReceived
                }
                CALL (home) {
                  OPTIONAL MATCH (home)<-[:OF_COMMUNITY]-(:Task)<-[:FOR_TASK]-(c:Claim)-[:SUPPORT_FROM]->(:Community)
                  OPTIONAL MATCH (c)<-[:FOR_CLAIM]-(sr:ServiceRecord)
                  WHERE sr.checkInAt >= $from AND sr.checkInAt < $to AND sr.minutes IS NOT NULL
                  RETURN sum(sr.minutes) AS minutesReceived
                }
                RETURN id, claimsGiven, minutesGiven, claimsReceived, minutesReceived""")
                .bindAll(Map.of("ids", List.copyOf(communityIds), "from", period.from(), "to", period.to()))
                .fetch().all()
                .forEach(row -> byId.put((String) row.get("id"), new StreetSupport(period.kind(),
                        period.firstDay(), period.lastDay(),
                        integer(row, "claimsGiven"), hours(Values.longValue(row, "minutesGiven")),
                        integer(row, "claimsReceived"), hours(Values.longValue(row, "minutesReceived")))));
        return byId;
    }

    private static double hours(long minutes) {
        return Math.round(minutes / 60.0 * 100) / 100.0;
    }

    // mapping

    static Task task(Object value) {
        Map<String, Object> t = Values.map(value);
        return new Task(string(t, "id"), string(t, "title"), string(t, "description"), string(t, "kind"),
                integer(t, "difficulty"), integer(t, "headcount"), time(t, "startsAt"), time(t, "endsAt"),
                string(t, "audience"), string(t, "state"), string(t, "cancelReason"), string(t, "verificationCode"),
                string(t, "communityId"), string(t, "placeId"), string(t, "categoryId"), strings(t, "skillIds"),
                strings(t, "teamIds"), time(t, "createdAt"), time(t, "publishedAt"), integer(t, "claimed"));
    }

    static Claim claim(Object value) {
        Map<String, Object> c = Values.map(value);
        return new Claim(string(c, "id"), string(c, "taskId"), string(c, "memberId"), string(c, "state"),
                string(c, "source"), time(c, "claimedAt"), time(c, "withdrawnAt"), string(c, "teamClaimId"),
                string(c, "claimedBy"), string(c, "supportFromId"));
    }

    static TeamClaim teamClaim(Object value) {
        Map<String, Object> c = Values.map(value);
        return new TeamClaim(string(c, "id"), string(c, "taskId"), string(c, "teamId"), string(c, "teamName"),
                time(c, "claimedAt"), string(c, "claimedBy"), string(c, "source"), string(c, "supportFromId"));
    }

    static ServiceRecord record(Object value) {
        Map<String, Object> r = Values.map(value);
        return new ServiceRecord(string(r, "id"), string(r, "memberId"), string(r, "claimId"), string(r, "postId"),
                time(r, "checkInAt"), time(r, "checkOutAt"), optionalInteger(r, "minutes"), bool(r, "autoClosed"),
                bool(r, "corrected"));
    }

    static ServicePost post(Object value) {
        Map<String, Object> p = Values.map(value);
        return new ServicePost(string(p, "id"), string(p, "name"), string(p, "description"), string(p, "categoryId"),
                string(p, "communityId"), bool(p, "active"), string(p, "codeSecret"));
    }

    private <T> Optional<T> one(String cypher, String id, Function<Object, T> mapper) {
        return neo4j.query(cypher).bind(id).to("id").fetch().one().map(row -> mapper.apply(row.get("value")));
    }

    private <T> Map<String, T> byId(String cypher, Collection<String> ids, Function<Object, T> mapper) {
        Map<String, T> byId = new HashMap<>();
        neo4j.query(cypher).bind(List.copyOf(ids)).to("ids").fetch().all()
                .forEach(row -> byId.put((String) row.get("id"), mapper.apply(row.get("value"))));
        return byId;
    }

    private <T> Map<String, List<T>> lists(String cypher, Collection<String> ids, Map<String, Object> more,
            Function<Object, T> mapper) {
        Map<String, Object> parameters = new HashMap<>(more);
        parameters.put("ids", List.copyOf(ids));
        Map<String, List<T>> byId = new HashMap<>();
        neo4j.query(cypher).bindAll(parameters).fetch().all()
                .forEach(row -> byId.put((String) row.get("id"),
                        ((List<?>) row.get("value")).stream().map(mapper).toList()));
        return byId;
    }
}
