package cn.nantong.tongtongzai.analytics;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.analytics.Figures.Area;
import cn.nantong.tongtongzai.analytics.Figures.HoursBucket;
import cn.nantong.tongtongzai.analytics.Figures.KindCount;
import cn.nantong.tongtongzai.evaluation.EvaluationRules;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.platform.time.Period;

/**
 * The figures of a scope for one or more consecutive periods (a trend), each statement walking the scope
 * once for all the periods: members (roster, registration, posts), their service, their ratings, and what
 * happened in the place (requests, tasks, emergencies, posts, joint meetings).
 */
@Service
@Transactional(readOnly = true)
public class AnalyticsService {

    static final String CITY_NAME = "南通市";
    /** Where a timestamp falls among the periods: the index of the period, or null. */
    private static final String PERIOD_OF = "[i IN range(0, size($starts) - 1) WHERE %1$s >= $starts[i] AND %1$s < $ends[i]][0]";

    private final Neo4jClient neo4j;
    private final EvaluationRules rules;

    AnalyticsService(Neo4jClient neo4j, EvaluationRules rules) {
        this.neo4j = neo4j;
        this.rules = rules;
    }

    /** The scope's name; refuses an unknown scope. */
    String name(ScopeLevel scope, String id) {
        if (scope == ScopeLevel.CITY) {
            return CITY_NAME;
        }
        if (id == null || id.isBlank()) {
            throw new UserInputException("SCOPE_ID_REQUIRED", "请指定统计对象的编号。");
        }
        return neo4j.query("MATCH (n:" + scope.label() + " {id: $id}) RETURN n.name").bind(id).to("id")
                .fetchAs(String.class).one()
                .orElseThrow(() -> new UserInputException("SCOPE_NOT_FOUND", "找不到统计对象：" + id + "。"));
    }

    /** The scope's figures for each period (consecutive, oldest first). */
    public List<Figures> figures(ScopeLevel scope, String id, List<Period> periods) {
        String name = name(scope, id);
        Map<String, Object> parameters = parameters(id, periods);
        Map<String, Object> roster = neo4j.query(scope.members() + """

                WITH DISTINCT m
                OPTIONAL MATCH (m)-[:REGISTERED]->(r:Registration {state: 'CONFIRMED'})
                WITH m, min(coalesce(r.decidedAt, r.registeredAt)) AS registeredAt
                WITH count(m) AS roster, collect(registeredAt) AS registeredAt,
                     sum(COUNT { (m)-[:HOLDS_POST]->(:ServicePost) }) AS posts
                RETURN roster, posts, [i IN range(0, size($ends) - 1) | size([x IN registeredAt WHERE x < $ends[i]])] AS registered""")
                .bindAll(parameters).fetch().one().orElseThrow();
        Map<Integer, Map<String, Object>> service = byPeriod(neo4j.query(scope.members() + """

                WITH DISTINCT m
                MATCH (m)-[:SERVED]->(sr:ServiceRecord)
                WHERE sr.checkInAt >= $start AND sr.checkInAt < $end AND sr.minutes IS NOT NULL
                WITH m, sr.minutes AS minutes, %s AS p
                WITH p, m, sum(minutes) AS minutes
                RETURN p, count(m) AS serving, sum(minutes) AS minutes,
                       count(CASE WHEN minutes <= 120 THEN 1 END) AS upTo2,
                       count(CASE WHEN minutes > 120 AND minutes <= 480 THEN 1 END) AS upTo8,
                       count(CASE WHEN minutes > 480 AND minutes <= 1200 THEN 1 END) AS upTo20,
                       count(CASE WHEN minutes > 1200 THEN 1 END) AS over20""".formatted(PERIOD_OF.formatted("sr.checkInAt")))
                .bindAll(parameters).fetch().all());
        Map<Integer, Map<String, Object>> ratings = byPeriod(neo4j.query(scope.members() + """

                WITH DISTINCT m
                MATCH (m)-[:MADE]->(:Claim)<-[:RATES]-(e:Evaluation)
                WHERE e.ratedAt >= $start AND e.ratedAt < $end
                WITH e, %s AS p
                RETURN p, count(e) AS ratings, count(CASE WHEN e.score >= $satisfiedScore THEN 1 END) AS satisfied"""
                .formatted(PERIOD_OF.formatted("e.ratedAt")))
                .bindAll(parameters).fetch().all());
        List<Area> areas = scope.communities() == null ? null : areas(scope, parameters, periods.size());

        List<Figures> figures = new ArrayList<>();
        List<?> registered = (List<?>) roster.get("registered");
        for (int i = 0; i < periods.size(); i++) {
            int registeredThen = ((Number) registered.get(i)).intValue();
            Map<String, Object> s = service.getOrDefault(i, Map.of());
            Map<String, Object> r = ratings.getOrDefault(i, Map.of());
            int serving = count(s, "serving");
            List<HoursBucket> distribution = List.of(new HoursBucket("0", Math.max(0, registeredThen - serving)),
                    new HoursBucket("0–2", count(s, "upTo2")), new HoursBucket("2–8", count(s, "upTo8")),
                    new HoursBucket("8–20", count(s, "upTo20")), new HoursBucket("20+", count(s, "over20")));
            figures.add(new Figures(scope, scope == ScopeLevel.CITY ? null : id, name, periods.get(i),
                    Values.integer(roster, "roster"), registeredThen, serving, Math.round(count(s, "minutes") / 60.0 * 100) / 100.0,
                    distribution, count(r, "ratings"), count(r, "satisfied"), Values.integer(roster, "posts"),
                    areas == null ? null : areas.get(i)));
        }
        return figures;
    }

    /** Requests, tasks and emergencies per period, then (for communities) posts and joint meetings. */
    private List<Area> areas(ScopeLevel scope, Map<String, Object> parameters, int count) {
        String anchor = scope.communities();
        String requests = scope.byBuilding() ? "(c)<-[:AT]-(r:Request)" : "(c)<-[:IN_COMMUNITY]-(r:Request)";
        String tasks = scope.byBuilding() ? "(c)<-[:AT]-(t:Task)" : "(c)<-[:OF_COMMUNITY]-(t:Task)";
        Map<String, Object> row = neo4j.query("""
                CALL () {
                  %1$s
                  MATCH %2$s
                  WHERE r.submittedAt >= $start AND r.submittedAt < $end AND r.state <> 'MERGED'
                  WITH %4$s AS p, count(r) AS n
                  RETURN collect({p: p, n: n}) AS received
                }
                CALL () {
                  %1$s
                  MATCH %2$s
                  WHERE r.resolvedAt >= $start AND r.resolvedAt < $end
                  WITH %5$s AS p, duration.inSeconds(r.submittedAt, r.resolvedAt).seconds / 3600.0 AS hours
                  WITH p, count(*) AS n, percentileCont(hours, 0.5) AS median
                  RETURN collect({p: p, n: n, median: median}) AS resolved
                }
                CALL () {
                  %1$s
                  MATCH %3$s
                  WHERE t.startsAt >= $start AND t.startsAt < $end AND NOT t.state IN ['DRAFT', 'CANCELLED']
                  WITH %6$s AS p, t.kind AS kind, count(t) AS n
                  RETURN collect({p: p, kind: kind, n: n}) AS tasks
                }
                CALL () {
                  %1$s
                  MATCH %3$s
                  WHERE t.kind = 'EMERGENCY' AND t.startsAt >= $start AND t.startsAt < $end AND NOT t.state IN ['DRAFT', 'CANCELLED']
                  OPTIONAL MATCH (t)<-[:FOR_TASK]-(claim:Claim)<-[:MADE]-(m:Member) WHERE claim.state <> 'WITHDRAWN'
                  WITH %6$s AS p, count(DISTINCT t) AS n, count(DISTINCT m) AS mobilised
                  RETURN collect({p: p, n: n, mobilised: mobilised}) AS emergencies
                }
                RETURN received, resolved, tasks, emergencies""".formatted(anchor, requests, tasks,
                        PERIOD_OF.formatted("r.submittedAt"), PERIOD_OF.formatted("r.resolvedAt"), PERIOD_OF.formatted("t.startsAt")))
                .bindAll(parameters).fetch().one().orElseThrow();
        Map<Integer, Map<String, Object>> received = byPeriod(row.get("received"));
        Map<Integer, Map<String, Object>> resolved = byPeriod(row.get("resolved"));
        Map<Integer, Map<String, Object>> emergencies = byPeriod(row.get("emergencies"));
        Map<Integer, Map<String, Integer>> kinds = new HashMap<>();
        for (Object value : (List<?>) row.get("tasks")) {
            Map<String, Object> t = Values.map(value);
            kinds.computeIfAbsent(Values.integer(t, "p"), k -> new LinkedHashMap<>()).merge(Values.string(t, "kind"),
                    Values.integer(t, "n"), Integer::sum);
        }
        Map<String, Object> community = scope.byBuilding() ? null : neo4j.query("""
                CALL () {
                  %1$s
                  OPTIONAL MATCH (c)-[:HAS_POST]->(post:ServicePost)
                  RETURN count(post) AS posts, count(CASE WHEN EXISTS { (post)<-[:HOLDS_POST]-(:Member) } THEN 1 END) AS claimed
                }
                CALL () {
                  %1$s
                  MATCH (c)-[:HELD]->(meeting:JointMeeting)-[:RAISED]->(problem:MeetingProblem)
                  WHERE meeting.heldOn >= $startDays[0] AND meeting.heldOn < $endDays[size($endDays) - 1]
                  WITH [i IN range(0, size($startDays) - 1) WHERE meeting.heldOn >= $startDays[i] AND meeting.heldOn < $endDays[i]][0] AS p,
                       problem
                  WITH p, count(problem) AS raised, count(CASE WHEN problem.state = 'RESOLVED' THEN 1 END) AS solved
                  RETURN collect({p: p, raised: raised, solved: solved}) AS meetings
                }
                RETURN posts, claimed, meetings""".formatted(anchor)).bindAll(parameters).fetch().one().orElseThrow();
        Map<Integer, Map<String, Object>> meetings = community == null ? Map.of() : byPeriod(community.get("meetings"));

        List<Area> areas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> done = resolved.getOrDefault(i, Map.of());
            Map<String, Object> e = emergencies.getOrDefault(i, Map.of());
            Map<String, Object> m = meetings.getOrDefault(i, Map.of());
            List<KindCount> byKind = kinds.getOrDefault(i, Map.of()).entrySet().stream()
                    .map(k -> new KindCount(k.getKey(), k.getValue())).sorted(java.util.Comparator.comparing(KindCount::kind)).toList();
            Object median = done.get("median");
            areas.add(new Area(count(received.getOrDefault(i, Map.of()), "n"), count(done, "n"),
                    median == null ? null : Math.round(((Number) median).doubleValue() * 10) / 10.0, byKind,
                    count(e, "n"), count(e, "mobilised"),
                    community == null ? null : Values.integer(community, "posts"),
                    community == null ? null : Values.integer(community, "claimed"),
                    community == null ? null : count(m, "raised"), community == null ? null : count(m, "solved")));
        }
        return areas;
    }

    /** One level down: the figures of each child of the scope for the period (none at the bottom). */
    public List<Figures> children(ScopeLevel scope, String id, Period period) {
        ScopeLevel child = scope.childLevel();
        if (child == null) {
            return List.of();
        }
        List<Figures> children = new ArrayList<>();
        for (Map<String, Object> row : neo4j.query(scope.children()).bind(id == null ? "" : id).to("id").fetch().all()) {
            children.add(figures(child, Values.string(row, "id"), List.of(period)).getFirst());
        }
        return children;
    }

    /** Registered members of the scope with no completed service since {@code days} days ago, by id. */
    public List<String> inactiveMembers(ScopeLevel scope, String id, int days, Page page) {
        if (days < 1 || days > 3660) {
            throw new UserInputException("INVALID_DAYS", "天数须在1至3660之间。");
        }
        name(scope, id);
        return List.copyOf(neo4j.query(scope.members() + """

                WITH DISTINCT m
                WHERE EXISTS { (m)-[:REGISTERED]->(:Registration {state: 'CONFIRMED'}) }
                  AND NOT EXISTS { (m)-[:SERVED]->(sr:ServiceRecord) WHERE sr.checkInAt >= $since AND sr.minutes IS NOT NULL }
                RETURN m.id ORDER BY m.id SKIP $skip LIMIT $limit""")
                .bindAll(Map.of("id", id == null ? "" : id, "since", OffsetDateTime.now(Period.ZONE).minusDays(days),
                        "skip", page.skip(), "limit", page.fetchSize()))
                .fetchAs(String.class).all());
    }

    /** A unit's 报到率: its members with a confirmed registration / its members. */
    public record UnitRate(String unitId, String unitName, String kind, int roster, int registered) {

        public Double reportingRate() {
            return Figures.rate(registered, roster);
        }
    }

    /** Units by reporting rate, lowest first; only those below {@code below} when given. */
    public List<UnitRate> unitReportingRates(Double below, Page page) {
        if (below != null && (below <= 0 || below > 1)) {
            throw new UserInputException("INVALID_RATE", "比例须在0至1之间。");
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("below", below);
        parameters.put("skip", page.skip());
        parameters.put("limit", page.fetchSize());
        return neo4j.query("""
                MATCH (u:Unit)<-[:WORKS_AT]-(m:Member)
                WITH u, count(m) AS roster,
                     count(CASE WHEN EXISTS { (m)-[:REGISTERED]->(:Registration {state: 'CONFIRMED'}) } THEN 1 END) AS registered
                WITH u, roster, registered, toFloat(registered) / roster AS rate
                WHERE $below IS NULL OR rate < $below
                RETURN u.id AS id, u.name AS name, u.kind AS kind, roster, registered
                ORDER BY rate, id SKIP $skip LIMIT $limit""").bindAll(parameters).fetch().all().stream()
                .map(r -> new UnitRate(Values.string(r, "id"), Values.string(r, "name"), Values.string(r, "kind"),
                        Values.integer(r, "roster"), Values.integer(r, "registered")))
                .toList();
    }

    private Map<String, Object> parameters(String id, List<Period> periods) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id == null ? "" : id);
        parameters.put("starts", periods.stream().map(Period::from).toList());
        parameters.put("ends", periods.stream().map(Period::to).toList());
        parameters.put("startDays", periods.stream().map(Period::firstDay).toList());
        parameters.put("endDays", periods.stream().map(Period::endDay).toList());
        parameters.put("start", periods.getFirst().from());
        parameters.put("end", periods.getLast().to());
        parameters.put("satisfiedScore", rules.satisfiedScore());
        return parameters;
    }

    private static Map<Integer, Map<String, Object>> byPeriod(Object rows) {
        Map<Integer, Map<String, Object>> byPeriod = new HashMap<>();
        for (Object value : (java.util.Collection<?>) rows) {
            Map<String, Object> row = Values.map(value);
            if (row.get("p") != null) {
                byPeriod.put(Values.integer(row, "p"), row);
            }
        }
        return byPeriod;
    }

    private static int count(Map<String, Object> row, String key) {
        Object value = row.get(key);
        return value == null ? 0 : ((Number) value).intValue();
    }
}
