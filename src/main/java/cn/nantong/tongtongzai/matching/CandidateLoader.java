package cn.nantong.tongtongzai.matching;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.platform.neo4j.Values;

import static cn.nantong.tongtongzai.platform.neo4j.Values.integer;
import static cn.nantong.tongtongzai.platform.neo4j.Values.string;
import static cn.nantong.tongtongzai.platform.neo4j.Values.strings;

/**
 * Reads matching problems from the graph: a task as a {@link TaskFact}, and the members registered with
 * its community as {@link Candidate}s with their skills, availability, homes, hours this year, other
 * claims from the start of this week on, satisfaction this year and the residents they served.
 */
@Component
class CandidateLoader {

    /** A near skill stands in for a required one only from this strength on (SUBSTITUTES in the knowledge graph). */
    static final double MIN_SUBSTITUTE_STRENGTH = 0.5;

    /** Weekly cap on service hours when a member has none of their own. */
    static final int DEFAULT_WEEKLY_CAP_MINUTES = 8 * 60;

    private static final String TASK = """
            UNWIND $ids AS taskId
            MATCH (t:Task {id: taskId})-[:OF_COMMUNITY]->(c:Community)<-[:HAS_COMMUNITY]-(s:Street)
            OPTIONAL MATCH (t)-[:AT]->(p:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)-[:SERVES_GRID]->(g:Grid)
            RETURN t.id AS id, t.title AS title, t.kind AS kind, t.difficulty AS difficulty, t.state AS state,
                   t.audience AS audience, t.headcount AS headcount,
                   t.startsAt.epochSeconds / 60 AS start, t.endsAt.epochSeconds / 60 AS end,
                   COLLECT { MATCH (t)-[:REQUIRES_SKILL]->(k:Skill) RETURN k.id } AS skillIds,
                   COLLECT { MATCH (t)-[:REQUIRES_SKILL]->(:Skill)<-[r:SUBSTITUTES]-(x:Skill) WHERE r.strength >= $minStrength
                             RETURN {id: x.id, name: x.name, strength: r.strength} } AS substitutes,
                   COLLECT { MATCH (t)-[:IN_CATEGORY]->(k:PostCategory) RETURN k.id }[0] AS categoryId,
                   p.id AS microGridId, g.id AS gridId, c.id AS communityId, s.id AS streetId,
                   COLLECT { MATCH (t)<-[:SERVED_BY]-(:Request)-[:POSTED_BY]->(r:Resident) RETURN DISTINCT r.id } AS residentIds,
                   COLLECT { MATCH (t)<-[:FOR_TASK]-(cl:Claim)<-[:MADE]-(m:Member) WHERE cl.activeKey IS NOT NULL RETURN m.id } AS claimedBy,
                   COLLECT { MATCH (t)-[:FOR_TEAM]->(x) RETURN x.id } AS teamIds,
                   COLLECT { MATCH (t)<-[:FOR_TASK]-(:TeamClaim)<-[:MADE]-(x) RETURN x.id } AS claimedByTeams""";

    /** Functional branches and their groups, with their members' skills, homes and hours this year. */
    private static final String TEAMS = """
            UNWIND $communityIds AS communityId
            MATCH (c:Community {id: communityId})-[:HAS_FUNCTIONAL_BRANCH]->(b:FunctionalBranch)
            CALL (b) {
              RETURN b AS team, b.id AS branchId
              UNION
              MATCH (b)-[:HAS_FUNCTIONAL_GROUP]->(g:FunctionalGroup) RETURN g AS team, b.id AS branchId
            }
            RETURN team.id AS id, team.name AS name, branchId, communityId,
                   COUNT { (team)<-[:IN_FUNCTIONAL_BRANCH|IN_FUNCTIONAL_GROUP]-(:Member) } AS members,
                   COLLECT { MATCH (team)<-[:IN_FUNCTIONAL_BRANCH|IN_FUNCTIONAL_GROUP]-(:Member)-[:HAS_SKILL]->(k:Skill)
                             WITH k.id AS id, count(*) AS n RETURN {id: id, n: n} } AS skills,
                   COLLECT { MATCH (team)<-[:IN_FUNCTIONAL_BRANCH|IN_FUNCTIONAL_GROUP]-(:Member)-[:LIVES_IN]->(:MicroGrid)
                                   <-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)-[:SERVES_GRID]->(g:Grid)
                             WITH g.id AS id, count(*) AS n RETURN {id: id, n: n} } AS grids,
                   COLLECT { MATCH (team)<-[:IN_FUNCTIONAL_BRANCH|IN_FUNCTIONAL_GROUP]-(:Member)-[:SERVED]->(sr:ServiceRecord)
                             WHERE sr.checkInAt >= $yearStart RETURN sum(sr.minutes) }[0] AS history""";

    /** What is read of each candidate {@code m} registered with {@code c} in street {@code s}. */
    private static final String CANDIDATE = """

            OPTIONAL MATCH (m)-[:LIVES_IN]->(home:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)-[:SERVES_GRID]->(g:Grid)
            RETURN m.id AS id, m.name AS name, coalesce(m.availability, []) AS availability,
                   COLLECT { MATCH (m)-[h:HAS_SKILL]->(k:Skill) RETURN {id: k.id, level: h.level} } AS skills,
                   COLLECT { MATCH (m)-[:CHOSE_POST]->(p:PostCategory) RETURN p.id } AS categories,
                   home.id AS microGridId, g.id AS gridId, c.id AS communityId, s.id AS streetId,
                   COLLECT { MATCH (m)-[:SERVED]->(sr:ServiceRecord) WHERE sr.checkInAt >= $yearStart RETURN sum(sr.minutes) }[0] AS history,
                   COLLECT { MATCH (m)-[:MADE]->(cl:Claim)-[:FOR_TASK]->(t:Task)
                             WHERE cl.activeKey IS NOT NULL AND t.endsAt >= $weekStart AND NOT t.id IN $inProblem
                             RETURN [t.startsAt.epochSeconds / 60, t.endsAt.epochSeconds / 60] } AS busy,
                   COLLECT { MATCH (m)-[:MADE]->(:Claim)<-[:RATES]-(e:Evaluation) WHERE e.ratedAt >= $yearStart
                             RETURN [count(e), count(CASE WHEN e.score >= 4 THEN 1 END)] }[0] AS ratings,
                   COLLECT { MATCH (m)-[:MADE]->(:Claim {state: 'ACTIVE'})-[:FOR_TASK]->(:Task)<-[:SERVED_BY]-(:Request)-[:POSTED_BY]->(x:Resident)
                             RETURN DISTINCT x.id } AS served""";

    private static final String CANDIDATES = """
            UNWIND $communityIds AS communityId
            MATCH (c:Community {id: communityId})<-[:HAS_COMMUNITY]-(s:Street)
            MATCH (c)<-[:WITH_COMMUNITY]-(r:Registration {state: 'CONFIRMED'})<-[:REGISTERED]-(m:Member)
            WHERE r.activeMemberId IS NOT NULL""" + CANDIDATE;

    /** One member, when confirmed with a community: the same columns (a member's own task menu). */
    private static final String ONE_CANDIDATE = """
            MATCH (r:Registration {activeMemberId: $memberId, state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(c:Community)
                  <-[:HAS_COMMUNITY]-(s:Street)
            MATCH (m:Member)-[:REGISTERED]->(r)""" + CANDIDATE;

    private final Neo4jClient neo4j;

    CandidateLoader(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    /** A task and what the matching needs to know about it, or empty for an unknown id. */
    @Transactional(readOnly = true)
    Optional<LoadedTask> task(String taskId) {
        return tasks(List.of(taskId == null ? "" : taskId)).stream().findFirst();
    }

    /** The tasks found among {@code taskIds}, in that order, read in one statement. */
    private List<LoadedTask> tasks(List<String> taskIds) {
        Map<String, LoadedTask> byId = new HashMap<>();
        neo4j.query(TASK).bindAll(Map.of("ids", taskIds, "minStrength", MIN_SUBSTITUTE_STRENGTH)).fetch().all().forEach(row -> {
            long start = Values.longValue(row, "start");
            long end = Values.longValue(row, "end");
            Map<String, Double> substitutes = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            for (Object s : (List<?>) row.get("substitutes")) {
                Map<String, Object> m = Values.map(s);
                substitutes.merge(string(m, "id"), Values.decimal(m, "strength"), Math::max);
                names.put(string(m, "id"), string(m, "name"));
            }
            Set<String> required = Set.copyOf(strings(row, "skillIds"));
            required.forEach(substitutes::remove);
            TaskFact fact = new TaskFact(string(row, "id"), string(row, "title"), string(row, "kind"),
                    integer(row, "difficulty"), start, end, Availability.slots(start, end),
                    required, string(row, "categoryId"), string(row, "microGridId"),
                    string(row, "gridId"), string(row, "communityId"), string(row, "streetId"),
                    Set.copyOf(strings(row, "residentIds")), Map.copyOf(substitutes), Map.copyOf(names));
            byId.put(fact.id(), new LoadedTask(fact, string(row, "state"), string(row, "audience"),
                    integer(row, "headcount"), strings(row, "claimedBy"), Set.copyOf(strings(row, "teamIds")),
                    strings(row, "claimedByTeams")));
        });
        return taskIds.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The open tasks of a community or of every community of a street — published and not started yet,
     * and team tasks (emergencies) also while under way — and the communities of the scope; empty when
     * the scope is unknown.
     */
    @Transactional(readOnly = true)
    Optional<Scope> scope(String communityId, String streetId) {
        List<String> communities = communities(communityId, streetId);
        if (communities.isEmpty()) {
            return Optional.empty();
        }
        List<String> taskIds = neo4j.query("""
                UNWIND $communities AS communityId
                MATCH (:Community {id: communityId})<-[:OF_COMMUNITY]-(t:Task)
                WHERE (t.state = 'PUBLISHED' AND t.startsAt > datetime())
                   OR (t.state = 'IN_PROGRESS' AND t.kind = 'EMERGENCY' AND t.endsAt > datetime())
                RETURN t.id ORDER BY t.startsAt, t.id""").bind(communities).to("communities")
                .fetchAs(String.class).all().stream().toList();
        String street = streetId != null ? streetId : neo4j.query("MATCH (s:Street)-[:HAS_COMMUNITY]->(:Community {id: $id}) RETURN s.id")
                .bind(communityId).to("id").fetchAs(String.class).one().orElse(null);
        return Optional.of(new Scope(communities, street, tasks(taskIds)));
    }

    /** The community, or the communities of the street, in id order; empty when unknown. */
    @Transactional(readOnly = true)
    List<String> communities(String communityId, String streetId) {
        String anchor = communityId != null
                ? "MATCH (:Street)-[:HAS_COMMUNITY]->(c:Community {id: $id})"
                : "MATCH (:Street {id: $id})-[:HAS_COMMUNITY]->(c:Community)";
        return neo4j.query(anchor + " RETURN c.id ORDER BY c.id")
                .bind(communityId != null ? communityId : streetId == null ? "" : streetId).to("id")
                .fetchAs(String.class).all().stream().toList();
    }

    /** The communities of a matching scope, their street, and its open tasks. */
    record Scope(List<String> communityIds, String streetId, List<LoadedTask> tasks) {
    }

    /** The tasks found among {@code taskIds} (a new emergency entering a running job). */
    @Transactional(readOnly = true)
    List<LoadedTask> tasksById(List<String> taskIds) {
        return tasks(taskIds);
    }

    /** The communities of a street, in id order. */
    @Transactional(readOnly = true)
    List<String> communitiesOfStreet(String streetId) {
        return neo4j.query("MATCH (:Street {id: $id})-[:HAS_COMMUNITY]->(c:Community) RETURN c.id ORDER BY c.id")
                .bind(streetId == null ? "" : streetId).to("id").fetchAs(String.class).all().stream().toList();
    }

    /**
     * What {@link #task} found: the fact, and the state, audience, headcount, member claimants, the teams
     * it was published to and the teams that claimed it.
     */
    record LoadedTask(TaskFact fact, String state, String audience, int headcount, List<String> claimedBy,
            Set<String> teamIds, List<String> claimedByTeams) {

        boolean forTeams() {
            return "TEAMS".equals(audience);
        }
    }

    /** The functional branches and groups of the communities, sorted by id. */
    @Transactional(readOnly = true)
    List<Team> teams(List<String> communityIds) {
        List<Team> teams = new ArrayList<>();
        neo4j.query(TEAMS).bindAll(Map.of("communityIds", communityIds, "yearStart", yearStart())).fetch().all().forEach(row -> {
            teams.add(new Team(string(row, "id"), string(row, "name"), string(row, "branchId"), string(row, "communityId"),
                    integer(row, "members"), counts(row.get("skills")), counts(row.get("grids")), integer(row, "history")));
        });
        teams.sort(java.util.Comparator.comparing(Team::id));
        return teams;
    }

    private static Map<String, Integer> counts(Object list) {
        Map<String, Integer> counts = new HashMap<>();
        for (Object entry : (List<?>) list) {
            Map<String, Object> e = Values.map(entry);
            counts.put(string(e, "id"), integer(e, "n"));
        }
        return counts;
    }

    /** The start of this year (fairness, satisfaction) and of this ISO week (commitments), in Nantong. */
    record Period(java.time.OffsetDateTime yearStart, java.time.OffsetDateTime weekStart) {

        static Period now() {
            LocalDate today = ZonedDateTime.now(Availability.NANTONG).toLocalDate();
            return new Period(CandidateLoader.yearStart(), today.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                    .atStartOfDay(Availability.NANTONG).toOffsetDateTime());
        }

        Map<String, Object> parameters() {
            return Map.of("yearStart", yearStart, "weekStart", weekStart);
        }
    }

    private static Map<String, Object> periodParameters() {
        return Period.now().parameters();
    }

    private static java.time.OffsetDateTime yearStart() {
        return ZonedDateTime.now(Availability.NANTONG).toLocalDate().withDayOfYear(1).atStartOfDay(Availability.NANTONG)
                .toOffsetDateTime();
    }

    /** Members confirmed in the communities, except {@code exclude}; claims on {@code inProblem} tasks are not "busy". */
    @Transactional(readOnly = true)
    List<Candidate> candidates(List<String> communityIds, List<String> exclude, List<String> inProblem) {
        Map<String, Object> parameters = new HashMap<>(periodParameters());
        parameters.put("communityIds", communityIds);
        parameters.put("inProblem", inProblem);
        // excluded and ordered here, not in Cypher: Neo4j 2026.08 intermittently fails to plan this query
        // ("m.id should not appear non-cached") when m.id is also filtered or sorted on
        Set<String> excluded = Set.copyOf(exclude);
        List<Candidate> candidates = new ArrayList<>();
        neo4j.query(CANDIDATES).bindAll(parameters).fetch().all().forEach(row -> {
            if (!excluded.contains(string(row, "id"))) {
                candidates.add(candidate(row));
            }
        });
        candidates.sort(java.util.Comparator.comparing(Candidate::id));
        return candidates;
    }

    /**
     * Members confirmed in the communities, counted from {@code period}, by community (each of them, empty when
     * nobody is confirmed there) and by id; claims on every task make them busy.
     */
    @Transactional(readOnly = true)
    Map<String, List<Candidate>> candidatesByCommunity(List<String> communityIds, Period period) {
        Map<String, Object> parameters = new HashMap<>(period.parameters());
        parameters.put("communityIds", communityIds);
        parameters.put("inProblem", List.of());
        Map<String, List<Candidate>> byCommunity = new HashMap<>();
        communityIds.forEach(id -> byCommunity.put(id, new ArrayList<>()));
        neo4j.query(CANDIDATES).bindAll(parameters).fetch().all().forEach(row -> {
            Candidate candidate = candidate(row);
            byCommunity.get(candidate.communityId()).add(candidate);
        });
        byCommunity.values().forEach(list -> list.sort(java.util.Comparator.comparing(Candidate::id)));
        return byCommunity;
    }

    /** A member confirmed with a community, as a candidate; empty when they are not (no registration, pending). */
    @Transactional(readOnly = true)
    Optional<Candidate> candidate(String memberId) {
        Map<String, Object> parameters = new HashMap<>(periodParameters());
        parameters.put("memberId", memberId == null ? "" : memberId);
        parameters.put("inProblem", List.of());
        return neo4j.query(ONE_CANDIDATE).bindAll(parameters).fetch().one().map(CandidateLoader::candidate);
    }

    /**
     * The menu of a member's community (以菜单形式线上派发): individual tasks published and not over (claims are
     * taken until the end), with a seat open and not claimed by the member; soonest first, at most {@code limit}.
     */
    @Transactional(readOnly = true)
    List<LoadedTask> openTasksFor(String communityId, String memberId, int limit) {
        List<String> taskIds = neo4j.query("""
                MATCH (:Community {id: $communityId})<-[:OF_COMMUNITY]-(t:Task {state: 'PUBLISHED', audience: 'MEMBERS'})
                WHERE t.endsAt > datetime()
                  AND COUNT { (t)<-[:FOR_TASK]-(c:Claim) WHERE c.activeKey IS NOT NULL } < t.headcount
                  AND NOT EXISTS { (t)<-[:FOR_TASK]-(c:Claim)<-[:MADE]-(:Member {id: $memberId}) WHERE c.activeKey IS NOT NULL }
                RETURN t.id ORDER BY t.startsAt, t.id LIMIT $limit""")
                .bindAll(Map.of("communityId", communityId, "memberId", memberId, "limit", limit))
                .fetchAs(String.class).all().stream().toList();
        return tasks(taskIds);
    }

    private static Candidate candidate(Map<String, Object> row) {
        Map<String, Integer> skills = new HashMap<>();
        for (Object skill : (List<?>) row.get("skills")) {
            Map<String, Object> s = Values.map(skill);
            skills.put(string(s, "id"), integer(s, "level"));
        }
        List<long[]> busy = new ArrayList<>();
        Map<Integer, Integer> committed = new HashMap<>();
        for (Object window : (List<?>) row.get("busy")) {
            List<?> w = (List<?>) window;
            long start = ((Number) w.get(0)).longValue();
            long end = ((Number) w.get(1)).longValue();
            busy.add(new long[] {start, end});
            committed.merge(Availability.week(start), (int) (end - start), Integer::sum);
        }
        List<?> ratings = (List<?>) row.get("ratings");
        long rated = ratings == null ? 0 : ((Number) ratings.get(0)).longValue();
        Double satisfaction = rated == 0 ? null : ((Number) ratings.get(1)).doubleValue() / rated;
        return new Candidate(string(row, "id"), string(row, "name"), skills, new HashSet<>(strings(row, "availability")),
                Set.copyOf(strings(row, "categories")), string(row, "microGridId"), string(row, "gridId"),
                string(row, "communityId"), string(row, "streetId"), integer(row, "history"), busy, committed,
                DEFAULT_WEEKLY_CAP_MINUTES, satisfaction, Set.copyOf(strings(row, "served")));
    }
}
