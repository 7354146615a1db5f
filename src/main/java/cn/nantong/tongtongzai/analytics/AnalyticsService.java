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
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
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
            throw new UserInputException(ErrorCode.SCOPE_ID_REQUIRED, "请指定统计对象的编号。");
        }
        return neo4j.query("MATCH (n:" + scope.label() + " {id: $id}) RETURN n.name").bind(id).to("id")
                .fetchAs(String.class).one()
                .orElseThrow(() -> new UserInputException(ErrorCode.SCOPE_NOT_FOUND, "找不到统计对象：" + id + "。"));
    }

    /**
     * What one computation walks: the members ({@code m}) and communities or buildings ({@code c}, null when
     * none count), and the key each is counted under — the scope itself, or the child ({@code x}) for a roll-up.
     */
    private record Shape(String members, String communities, boolean byBuilding, String key, boolean cityWide) {

        static Shape of(ScopeLevel scope) {
            return new Shape(scope.members(), scope.communities(), scope.byBuilding(), "$id", scope == ScopeLevel.CITY);
        }

        static Shape childrenOf(ScopeLevel scope) {
            return new Shape(scope.childMembers(), scope.childCommunities(), scope.childLevel().byBuilding(), "x.id",
                    scope == ScopeLevel.CITY);
        }

        /** City-wide only: each confirmed registration as {@code r}, with the street as {@code x} for streets. */
        String registrations() {
            return key.equals("$id") ? "MATCH (r:Registration {state: 'CONFIRMED'})"
                    : "MATCH (x:Street)-[:HAS_COMMUNITY]->(:Community)<-[:WITH_COMMUNITY]-(r:Registration {state: 'CONFIRMED'})";
        }

        /** City-wide only: each post held as {@code h}, with the street of the post as {@code x} for streets. */
        String postsHeld() {
            return key.equals("$id") ? "MATCH (:ServicePost)<-[h:HOLDS_POST]-(:Member)"
                    : "MATCH (x:Street)-[:HAS_COMMUNITY]->(:Community)-[:HAS_POST]->(:ServicePost)<-[h:HOLDS_POST]-(:Member)";
        }
    }

    /** The scope's figures for each period (consecutive, oldest first). */
    public List<Figures> figures(ScopeLevel scope, String id, List<Period> periods) {
        String name = name(scope, id);
        String key = id == null ? "" : id;
        return compute(scope, Shape.of(scope), Map.of(key, name), id, periods).get(key);
    }

    /**
     * One level down: the figures of each child of the scope for the period (none at the bottom), all children
     * in the same few statements, each walking the scope once.
     */
    public List<Figures> children(ScopeLevel scope, String id, Period period) {
        ScopeLevel child = scope.childLevel();
        if (child == null) {
            return List.of();
        }
        Map<String, String> names = new LinkedHashMap<>();
        neo4j.query(scope.children()).bind(id == null ? "" : id).to("id").fetch().all()
                .forEach(row -> names.put(Values.string(row, "id"), Values.string(row, "name")));
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, List<Figures>> byChild = compute(child, Shape.childrenOf(scope), names, id, List.of(period));
        return names.keySet().stream().map(k -> byChild.get(k).getFirst()).toList();
    }

    /**
     * The city's figures with its streets': the streets are computed together, and the city is their sum (every
     * member lives in one street; every request, task, post and meeting belongs to one), with the median time to
     * resolve a request of the city asked on its own — half the work of computing both.
     */
    public Figures cityWithStreets(Period period) {
        List<Figures> streets = children(ScopeLevel.CITY, null, period);
        Map<String, Object> parameters = parameters(null, List.of(period));
        Double median = neo4j.query("""
                MATCH (r:Request) WHERE r.resolvedAt >= $start AND r.resolvedAt < $end
                RETURN percentileCont(duration.inSeconds(r.submittedAt, r.resolvedAt).seconds / 3600.0, 0.5) AS median""")
                .bindAll(parameters).fetchAs(Double.class).one().orElse(null);
        List<HoursBucket> distribution = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            int bucket = b;
            distribution.add(new HoursBucket(streets.isEmpty() ? List.of("0", "0–2", "2–8", "8–20", "20+").get(b)
                    : streets.getFirst().hoursDistribution().get(b).label(),
                    streets.stream().mapToInt(f -> f.hoursDistribution().get(bucket).members()).sum()));
        }
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        streets.forEach(f -> f.area().tasksByKind().forEach(k -> kinds.merge(k.kind(), k.count(), Integer::sum)));
        Area area = new Area(sum(streets, f -> f.area().requestsReceived()), sum(streets, f -> f.area().requestsResolved()),
                median == null ? null : Math.round(median * 10) / 10.0,
                kinds.entrySet().stream().map(k -> new KindCount(k.getKey(), k.getValue())).toList(),
                sum(streets, f -> f.area().emergencyTasks()), sum(streets, f -> f.area().membersMobilised()),
                sum(streets, f -> f.area().servicePosts()), sum(streets, f -> f.area().postsClaimed()),
                sum(streets, f -> f.area().meetingProblems()), sum(streets, f -> f.area().meetingProblemsResolved()));
        return new Figures(ScopeLevel.CITY, null, CITY_NAME, period, sum(streets, Figures::roster), sum(streets, Figures::registered),
                sum(streets, Figures::serving), Math.round(streets.stream().mapToDouble(Figures::serviceHours).sum() * 100) / 100.0,
                distribution, sum(streets, Figures::ratings), sum(streets, Figures::satisfied), sum(streets, Figures::postsHeld),
                area, streets);
    }

    private static int sum(List<Figures> list, java.util.function.ToIntFunction<Figures> figure) {
        return list.stream().mapToInt(figure).sum();
    }

    /** Figures per key (the scope, or each child) and period. */
    private Map<String, List<Figures>> compute(ScopeLevel level, Shape shape, Map<String, String> names, String id,
            List<Period> periods) {
        Map<String, Object> parameters = parameters(id, periods);
        Map<String, Map<String, Object>> rosters = new HashMap<>();
        if (shape.cityWide()) {
            // 26,000 members: count them along the tree, and find registrations and posts from their own side
            Map<String, Map<String, Object>> registered = new HashMap<>();
            neo4j.query(shape.registrations() + """

                    WITH %s AS key, collect(coalesce(r.decidedAt, r.registeredAt)) AS registeredAt
                    RETURN key, [i IN range(0, size($ends) - 1) | size([x IN registeredAt WHERE x < $ends[i]])] AS registered"""
                    .formatted(shape.key())).bindAll(parameters).fetch().all()
                    .forEach(row -> registered.put(Values.string(row, "key"), row));
            Map<String, Long> posts = new HashMap<>();
            neo4j.query(shape.postsHeld() + "\nRETURN %s AS key, count(h) AS posts".formatted(shape.key()))
                    .bindAll(parameters).fetch().all()
                    .forEach(row -> posts.put(Values.string(row, "key"), Values.longValue(row, "posts")));
            neo4j.query(shape.members() + "\nRETURN %s AS key, count(DISTINCT m) AS roster".formatted(shape.key()))
                    .bindAll(parameters).fetch().all().forEach(row -> {
                        String key = Values.string(row, "key");
                        Map<String, Object> roster = new HashMap<>(row);
                        roster.put("registered", registered.getOrDefault(key, Map.of()).getOrDefault("registered", List.of()));
                        roster.put("posts", posts.getOrDefault(key, 0L));
                        rosters.put(key, roster);
                    });
        } else {
            neo4j.query(shape.members() + """

                    WITH DISTINCT %s AS key, m
                    CALL (m) {
                      OPTIONAL MATCH (m)-[rel:REGISTERED|HOLDS_POST]->(n)
                      RETURN min(CASE WHEN type(rel) = 'REGISTERED' AND n.state = 'CONFIRMED'
                                      THEN coalesce(n.decidedAt, n.registeredAt) END) AS registeredAt,
                             count(CASE WHEN type(rel) = 'HOLDS_POST' THEN 1 END) AS posts
                    }
                    WITH key, count(m) AS roster, collect(registeredAt) AS registeredAt, sum(posts) AS posts
                    RETURN key, roster, posts,
                           [i IN range(0, size($ends) - 1) | size([x IN registeredAt WHERE x < $ends[i]])] AS registered"""
                    .formatted(shape.key())).bindAll(parameters).fetch().all()
                    .forEach(row -> rosters.put(Values.string(row, "key"), row));
        }
        // a few thousand records a month against 26,000 members: city-wide, start from the period's records
        String served = shape.cityWide() ? """
                MATCH (sr:ServiceRecord)
                WHERE sr.checkInAt >= $start AND sr.checkInAt < $end AND sr.minutes IS NOT NULL
                MATCH (sr)<-[:SERVED]-(m:Member)
                WITH m, collect(sr) AS records
                CALL (m) {
                  %s
                  RETURN DISTINCT %s AS key
                }
                UNWIND records AS sr""".formatted(shape.members(), shape.key()) : shape.members() + """

                WITH DISTINCT %s AS key, m
                MATCH (m)-[:SERVED]->(sr:ServiceRecord)
                WHERE sr.checkInAt >= $start AND sr.checkInAt < $end AND sr.minutes IS NOT NULL""".formatted(shape.key());
        Map<String, Map<String, Object>> service = byKeyAndPeriod(neo4j.query(served + """

                WITH key, m, sr.minutes AS minutes, %s AS p
                WITH key, p, m, sum(minutes) AS minutes
                RETURN key, p, count(m) AS serving, sum(minutes) AS minutes,
                       count(CASE WHEN minutes <= 120 THEN 1 END) AS upTo2,
                       count(CASE WHEN minutes > 120 AND minutes <= 480 THEN 1 END) AS upTo8,
                       count(CASE WHEN minutes > 480 AND minutes <= 1200 THEN 1 END) AS upTo20,
                       count(CASE WHEN minutes > 1200 THEN 1 END) AS over20"""
                .formatted(PERIOD_OF.formatted("sr.checkInAt"))).bindAll(parameters).fetch().all());
        String rated = shape.cityWide() ? """
                MATCH (e:Evaluation)
                WHERE e.ratedAt >= $start AND e.ratedAt < $end
                MATCH (e)-[:RATES]->(:Claim)<-[:MADE]-(m:Member)
                WITH m, collect(e) AS evaluations
                CALL (m) {
                  %s
                  RETURN DISTINCT %s AS key
                }
                UNWIND evaluations AS e""".formatted(shape.members(), shape.key()) : shape.members() + """

                WITH DISTINCT %s AS key, m
                MATCH (m)-[:MADE]->(:Claim)<-[:RATES]-(e:Evaluation)
                WHERE e.ratedAt >= $start AND e.ratedAt < $end""".formatted(shape.key());
        Map<String, Map<String, Object>> ratings = byKeyAndPeriod(neo4j.query(rated + """

                WITH key, e, %s AS p
                RETURN key, p, count(e) AS ratings, count(CASE WHEN e.score >= $satisfiedScore THEN 1 END) AS satisfied"""
                .formatted(PERIOD_OF.formatted("e.ratedAt"))).bindAll(parameters).fetch().all());
        Map<String, List<Area>> areas = shape.communities() == null ? null : areas(shape, names.keySet(), parameters, periods.size());

        Map<String, List<Figures>> result = new LinkedHashMap<>();
        names.forEach((key, name) -> {
            Map<String, Object> roster = rosters.getOrDefault(key, Map.of());
            List<?> registered = (List<?>) roster.getOrDefault("registered", List.of());
            List<Figures> figures = new ArrayList<>();
            for (int i = 0; i < periods.size(); i++) {
                int registeredThen = registered.isEmpty() ? 0 : ((Number) registered.get(i)).intValue();
                Map<String, Object> s = service.getOrDefault(key + "#" + i, Map.of());
                Map<String, Object> r = ratings.getOrDefault(key + "#" + i, Map.of());
                int serving = count(s, "serving");
                List<HoursBucket> distribution = List.of(new HoursBucket("0", Math.max(0, registeredThen - serving)),
                        new HoursBucket("0–2", count(s, "upTo2")), new HoursBucket("2–8", count(s, "upTo8")),
                        new HoursBucket("8–20", count(s, "upTo20")), new HoursBucket("20+", count(s, "over20")));
                figures.add(new Figures(level, level == ScopeLevel.CITY ? null : key, name, periods.get(i),
                        count(roster, "roster"), registeredThen, serving, Math.round(count(s, "minutes") / 60.0 * 100) / 100.0,
                        distribution, count(r, "ratings"), count(r, "satisfied"), count(roster, "posts"),
                        areas == null ? null : areas.get(key).get(i), null));
            }
            result.put(key, figures);
        });
        return result;
    }

    /** Requests, tasks and emergencies per key and period, then (for communities) posts and joint meetings. */
    private Map<String, List<Area>> areas(Shape shape, java.util.Set<String> keys, Map<String, Object> parameters, int count) {
        String anchor = shape.communities();
        String requests = shape.byBuilding() ? "(c)<-[:AT]-(r:Request)" : "(c)<-[:IN_COMMUNITY]-(r:Request)";
        String tasks = shape.byBuilding() ? "(c)<-[:AT]-(t:Task)" : "(c)<-[:OF_COMMUNITY]-(t:Task)";
        Map<String, Object> row = neo4j.query("""
                CALL () {
                  %1$s
                  MATCH %2$s
                  WHERE r.submittedAt >= $start AND r.submittedAt < $end AND r.state <> 'MERGED'
                  WITH %7$s AS key, %4$s AS p, count(r) AS n
                  RETURN collect({key: key, p: p, n: n}) AS received
                }
                CALL () {
                  %1$s
                  MATCH %2$s
                  WHERE r.resolvedAt >= $start AND r.resolvedAt < $end
                  WITH %7$s AS key, %5$s AS p, duration.inSeconds(r.submittedAt, r.resolvedAt).seconds / 3600.0 AS hours
                  WITH key, p, count(*) AS n, percentileCont(hours, 0.5) AS median
                  RETURN collect({key: key, p: p, n: n, median: median}) AS resolved
                }
                CALL () {
                  %1$s
                  MATCH %3$s
                  WHERE t.startsAt >= $start AND t.startsAt < $end AND NOT t.state IN ['DRAFT', 'CANCELLED']
                  WITH %7$s AS key, %6$s AS p, t.kind AS kind, count(t) AS n
                  RETURN collect({key: key, p: p, kind: kind, n: n}) AS tasks
                }
                CALL () {
                  %1$s
                  MATCH %3$s
                  WHERE t.kind = 'EMERGENCY' AND t.startsAt >= $start AND t.startsAt < $end AND NOT t.state IN ['DRAFT', 'CANCELLED']
                  OPTIONAL MATCH (t)<-[:FOR_TASK]-(claim:Claim)<-[:MADE]-(m:Member) WHERE claim.state <> 'WITHDRAWN'
                  WITH %7$s AS key, %6$s AS p, count(DISTINCT t) AS n, count(DISTINCT m) AS mobilised
                  RETURN collect({key: key, p: p, n: n, mobilised: mobilised}) AS emergencies
                }
                RETURN received, resolved, tasks, emergencies""".formatted(anchor, requests, tasks,
                        PERIOD_OF.formatted("r.submittedAt"), PERIOD_OF.formatted("r.resolvedAt"), PERIOD_OF.formatted("t.startsAt"),
                        shape.key()))
                .bindAll(parameters).fetch().one().orElseThrow();
        Map<String, Map<String, Object>> received = byKeyAndPeriod((List<?>) row.get("received"));
        Map<String, Map<String, Object>> resolved = byKeyAndPeriod((List<?>) row.get("resolved"));
        Map<String, Map<String, Object>> emergencies = byKeyAndPeriod((List<?>) row.get("emergencies"));
        Map<String, Map<String, Integer>> kinds = new HashMap<>();
        for (Object value : (List<?>) row.get("tasks")) {
            Map<String, Object> t = Values.map(value);
            kinds.computeIfAbsent(Values.string(t, "key") + "#" + Values.integer(t, "p"), k -> new java.util.TreeMap<>())
                    .merge(Values.string(t, "kind"), Values.integer(t, "n"), Integer::sum);
        }
        Map<String, Map<String, Object>> posts = new HashMap<>();
        Map<String, Map<String, Object>> meetings = Map.of();
        if (!shape.byBuilding()) {
            Map<String, Object> community = neo4j.query("""
                    CALL () {
                      %1$s
                      OPTIONAL MATCH (c)-[:HAS_POST]->(post:ServicePost)
                      WITH %2$s AS key, post
                      WITH key, count(post) AS posts,
                           count(CASE WHEN EXISTS { (post)<-[:HOLDS_POST]-(:Member) } THEN 1 END) AS claimed
                      RETURN collect({key: key, posts: posts, claimed: claimed}) AS posts
                    }
                    CALL () {
                      %1$s
                      MATCH (c)-[:HELD]->(meeting:JointMeeting)-[:RAISED]->(problem:MeetingProblem)
                      WHERE meeting.heldOn >= $startDays[0] AND meeting.heldOn < $endDays[size($endDays) - 1]
                      WITH %2$s AS key, [i IN range(0, size($startDays) - 1)
                                          WHERE meeting.heldOn >= $startDays[i] AND meeting.heldOn < $endDays[i]][0] AS p, problem
                      WITH key, p, count(problem) AS raised, count(CASE WHEN problem.state = 'RESOLVED' THEN 1 END) AS solved
                      RETURN collect({key: key, p: p, raised: raised, solved: solved}) AS meetings
                    }
                    RETURN posts, meetings""".formatted(anchor, shape.key())).bindAll(parameters).fetch().one().orElseThrow();
            for (Object value : (List<?>) community.get("posts")) {
                Map<String, Object> p = Values.map(value);
                posts.put(Values.string(p, "key"), p);
            }
            meetings = byKeyAndPeriod((List<?>) community.get("meetings"));
        }

        Map<String, List<Area>> areas = new HashMap<>();
        for (String key : keys) {
            List<Area> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String at = key + "#" + i;
                Map<String, Object> done = resolved.getOrDefault(at, Map.of());
                Map<String, Object> e = emergencies.getOrDefault(at, Map.of());
                Map<String, Object> m = meetings.getOrDefault(at, Map.of());
                Map<String, Object> p = posts.getOrDefault(key, Map.of());
                List<KindCount> byKind = kinds.getOrDefault(at, Map.of()).entrySet().stream()
                        .map(k -> new KindCount(k.getKey(), k.getValue())).toList();
                Object median = done.get("median");
                boolean community = !shape.byBuilding();
                list.add(new Area(count(received.getOrDefault(at, Map.of()), "n"), count(done, "n"),
                        median == null ? null : Math.round(((Number) median).doubleValue() * 10) / 10.0, byKind,
                        count(e, "n"), count(e, "mobilised"),
                        community ? count(p, "posts") : null, community ? count(p, "claimed") : null,
                        community ? count(m, "raised") : null, community ? count(m, "solved") : null));
            }
            areas.put(key, list);
        }
        return areas;
    }

    /** Registered members of the scope with no completed service since {@code days} days ago, by id. */
    public List<String> inactiveMembers(ScopeLevel scope, String id, int days, Page page) {
        if (days < 1 || days > 3660) {
            throw new UserInputException(ErrorCode.INVALID_DAYS, "天数须在1至3660之间。");
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
            throw new UserInputException(ErrorCode.INVALID_RATE, "比例须在0至1之间。");
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

    /** Rows by "key#period"; rows outside every period (p null) are dropped. */
    private static Map<String, Map<String, Object>> byKeyAndPeriod(java.util.Collection<?> rows) {
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        for (Object value : rows) {
            Map<String, Object> row = Values.map(value);
            if (row.get("p") != null && row.get("key") != null) {
                byKey.put(Values.string(row, "key") + "#" + Values.integer(row, "p"), row);
            }
        }
        return byKey;
    }

    private static int count(Map<String, Object> row, String key) {
        Object value = row.get(key);
        return value == null ? 0 : ((Number) value).intValue();
    }
}
