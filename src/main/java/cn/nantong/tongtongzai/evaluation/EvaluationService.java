package cn.nantong.tongtongzai.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.evaluation.EvaluationRecords.CommunitySummary;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.Evaluation;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.JointMeeting;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.InterviewReason;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.KindCount;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.MeetingProblem;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.MemberStanding;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.NegativeListEntry;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.ProblemOwner;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.ReportBackRow;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.ResolutionRate;
import cn.nantong.tongtongzai.evaluation.EvaluationRecords.Satisfaction;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.platform.time.Period;

import static cn.nantong.tongtongzai.platform.neo4j.Values.decimal;
import static cn.nantong.tongtongzai.platform.neo4j.Values.integer;
import static cn.nantong.tongtongzai.platform.neo4j.Values.day;
import static cn.nantong.tongtongzai.platform.neo4j.Values.string;
import static cn.nantong.tongtongzai.platform.neo4j.Values.time;

/**
 * Reads of ratings and what follows from them: satisfaction of members, groups, branches and
 * communities; the interview, award and negative lists; a unit's report-back; joint meetings; and the
 * community summaries. Periods are Nantong calendar periods ({@link Period}).
 */
@Service
@Transactional(readOnly = true)
public class EvaluationService {

    /** Whose ratings a satisfaction figure counts. */
    enum Scope {
        MEMBER("MATCH (:Member {id: id})-[:MADE]->(c:Claim)<-[:RATES]-(e:Evaluation)"),
        FUNCTIONAL_GROUP("MATCH (:FunctionalGroup {id: id})<-[:IN_FUNCTIONAL_GROUP]-(:Member)-[:MADE]->(c:Claim)<-[:RATES]-(e:Evaluation)"),
        FUNCTIONAL_BRANCH("MATCH (:FunctionalBranch {id: id})<-[:IN_FUNCTIONAL_BRANCH]-(:Member)-[:MADE]->(c:Claim)<-[:RATES]-(e:Evaluation)"),
        COMMUNITY("MATCH (:Community {id: id})<-[:OF_COMMUNITY]-(:Task)<-[:FOR_TASK]-(c:Claim)<-[:RATES]-(e:Evaluation)");

        final String match;

        Scope(String match) {
            this.match = match;
        }
    }

    static final String EVALUATION = """
            e {.id, .raterRole, .raterId, .score, .comment, .ratedBy, ratedAt: toString(e.ratedAt),
               claimId: COLLECT { MATCH (e)-[:RATES]->(x:Claim) RETURN x.id }[0]}""";
    static final String NEGATIVE = """
            e {.id, .reason, .recordedBy, .revokeReason, recordedAt: toString(e.recordedAt), revokedAt: toString(e.revokedAt),
               memberId: COLLECT { MATCH (e)<-[:LISTED_IN]-(x:Member) RETURN x.id }[0],
               communityId: COLLECT { MATCH (e)-[:BY_COMMUNITY]->(x:Community) RETURN x.id }[0]}""";
    static final String MEETING = """
            m {.id, .title, .quarter, .recordedBy, heldOn: toString(m.heldOn),
               communityId: COLLECT { MATCH (m)<-[:HELD]-(x:Community) RETURN x.id }[0],
               problems: COLLECT { MATCH (m)-[:RAISED]->(p:MeetingProblem)-[:OWNED_BY]->(o)
                                   WITH p, o ORDER BY p.position, p.id
                                   RETURN p {.id, .description, .state, .resolution, resolvedAt: toString(p.resolvedAt),
                                             owner: {id: o.id, name: o.name, kind: labels(o)[0]}} }}""";

    /** Negative-list entries shown on one row of the interview list, newest first. */
    static final int NEGATIVE_ENTRIES_PER_ROW = 10;

    private final Neo4jClient neo4j;
    private final EvaluationRules rules;

    EvaluationService(Neo4jClient neo4j, EvaluationRules rules) {
        this.neo4j = neo4j;
        this.rules = rules;
    }

    Optional<Evaluation> evaluation(String id) {
        return neo4j.query("MATCH (e:Evaluation {id: $id}) RETURN " + EVALUATION + " AS value").bind(id).to("id")
                .fetch().one().map(row -> evaluation(row.get("value")));
    }

    Map<String, List<Evaluation>> evaluationsOfClaims(Collection<String> claimIds) {
        Map<String, List<Evaluation>> byClaim = new HashMap<>();
        neo4j.query("UNWIND $ids AS id MATCH (c:Claim {id: id}) RETURN id, COLLECT { MATCH (c)<-[:RATES]-(e:Evaluation) WITH e ORDER BY e.ratedAt, e.id RETURN "
                        + EVALUATION + " } AS value")
                .bind(List.copyOf(claimIds)).to("ids").fetch().all()
                .forEach(row -> byClaim.put((String) row.get("id"),
                        ((List<?>) row.get("value")).stream().map(EvaluationService::evaluation).toList()));
        return byClaim;
    }

    /** Satisfaction of many members, groups, branches or communities in one period: one statement. */
    public Map<String, Satisfaction> satisfaction(Scope scope, Collection<String> ids, Period period) {
        Map<String, Satisfaction> byId = new HashMap<>();
        neo4j.query("UNWIND $ids AS id CALL (id) { OPTIONAL " + scope.match + """
                         WHERE e.ratedAt >= $from AND e.ratedAt < $to
                        RETURN count(e) AS ratings, count(CASE WHEN e.score >= $satisfied THEN 1 END) AS satisfied
                        } RETURN id, ratings, satisfied""")
                .bindAll(Map.of("ids", List.copyOf(ids), "from", period.from(), "to", period.to(),
                        "satisfied", rules.satisfiedScore()))
                .fetch().all()
                .forEach(row -> byId.put((String) row.get("id"), satisfaction(period, integer(row, "ratings"),
                        integer(row, "satisfied"))));
        return byId;
    }

    /**
     * 约谈: members rated at least {@code minimumRatings} times in the year whose satisfaction is below the
     * threshold, and members with a negative-list entry recorded in the year and not revoked; optionally only
     * one unit's or one community's members. Low satisfaction first, lowest first; members there only for the
     * negative list after them (by satisfaction where they have ratings, then by id).
     */
    List<MemberStanding> interviewList(int year, String unitId, String communityId, Page page) {
        Map<String, Object> parameters = yearParameters(year, page);
        parameters.put("unitId", unitId);
        parameters.put("communityId", communityId);
        // the candidates start from the year's ratings (indexed by ratedAt) and the year's unrevoked entries (few)
        return interviewStandings("""
                CALL () {
                  MATCH (e:Evaluation) WHERE e.ratedAt >= $from AND e.ratedAt < $to
                  MATCH (e)-[:RATES]->(:Claim)<-[:MADE]-(m:Member)
                  WITH m, count(e) AS ratings, count(CASE WHEN e.score >= $satisfied THEN 1 END) AS satisfied
                  WHERE ratings >= $minimum AND toFloat(satisfied) / ratings < $below
                  RETURN m
                  UNION
                  MATCH (n:NegativeListEntry) WHERE n.recordedAt >= $from AND n.recordedAt < $to AND n.revokedAt IS NULL
                  MATCH (n)<-[:LISTED_IN]-(m:Member)
                  RETURN m
                }
                WITH m WHERE ($unitId IS NULL OR EXISTS { (m)-[:WORKS_AT]->(:Unit {id: $unitId}) })
                  AND ($communityId IS NULL OR EXISTS { (m)-[:REGISTERED]->(r:Registration)-[:WITH_COMMUNITY]->(:Community {id: $communityId})
                                                        WHERE r.activeMemberId IS NOT NULL })
                """, parameters, year);
    }

    /** The member's row of the year's interview list; empty when they are not on it (or do not exist). */
    Optional<MemberStanding> interviewStanding(String memberId, int year) {
        Map<String, Object> parameters = yearParameters(year, new Page(0, 1));
        parameters.put("memberId", memberId);
        return interviewStandings("MATCH (m:Member {id: $memberId})\n", parameters, year).stream().findFirst();
    }

    /** From candidate members {@code m}: who is on the list and why, with their figures, ordered and paged. */
    private List<MemberStanding> interviewStandings(String candidates, Map<String, Object> parameters, int year) {
        // the entries are ordered here, not in Cypher: ordering them by recordedAt inside this statement trips the
        // planner of Neo4j 2026.08 ("insertCachedProperties … should not appear non-cached"), depending on statistics
        return neo4j.query(candidates + """
                CALL (m) {
                  OPTIONAL MATCH (m)-[:MADE]->(:Claim)<-[:RATES]-(e:Evaluation) WHERE e.ratedAt >= $from AND e.ratedAt < $to
                  RETURN count(e) AS ratings, count(CASE WHEN e.score >= $satisfied THEN 1 END) AS satisfied
                }
                CALL (m) {
                  OPTIONAL MATCH (m)-[:LISTED_IN]->(n:NegativeListEntry)
                  WHERE n.revokedAt IS NULL AND n.recordedAt >= $from AND n.recordedAt < $to
                  RETURN collect(n.id) AS entryIds
                }
                WITH m, ratings, satisfied, entryIds,
                     CASE WHEN ratings >= $minimum THEN toFloat(satisfied) / ratings < $below ELSE false END AS low
                WHERE low OR size(entryIds) > 0
                CALL (m) {
                  OPTIONAL MATCH (m)-[:SERVED]->(sr:ServiceRecord) WHERE sr.checkInAt >= $from AND sr.checkInAt < $to
                  RETURN coalesce(sum(sr.minutes), 0) AS minutes
                }
                RETURN m.id AS memberId, ratings, satisfied, minutes, low,
                       [id IN entryIds | COLLECT { MATCH (e:NegativeListEntry {id: id}) RETURN %s }[0]] AS entries
                ORDER BY CASE WHEN low THEN 0 ELSE 1 END, CASE WHEN ratings > 0 THEN toFloat(satisfied) / ratings END, memberId
                SKIP $skip LIMIT $limit""".formatted(NEGATIVE))
                .bindAll(parameters).fetch().all().stream()
                .map(row -> {
                    List<NegativeListEntry> entries = ((List<?>) row.get("entries")).stream()
                            .map(EvaluationService::negative)
                            .sorted(Comparator.comparing((NegativeListEntry e) -> e.recordedAt().toInstant())
                                    .reversed().thenComparing(NegativeListEntry::id))
                            .limit(NEGATIVE_ENTRIES_PER_ROW).toList();
                    List<InterviewReason> reasons = new ArrayList<>();
                    if (Values.bool(row, "low")) {
                        reasons.add(InterviewReason.LOW_SATISFACTION);
                    }
                    if (!entries.isEmpty()) {
                        reasons.add(InterviewReason.NEGATIVE_LIST);
                    }
                    return standing(row, year, reasons, entries);
                })
                .toList();
    }

    /** 评先评优: high satisfaction and many hours in the year, no negative-list entry that year; most hours first. */
    List<MemberStanding> awardList(int year, String unitId, String communityId, Page page) {
        Map<String, Object> parameters = yearParameters(year, page);
        parameters.put("unitId", unitId);
        parameters.put("communityId", communityId);
        parameters.put("award", rules.awardSatisfaction());
        parameters.put("awardMinutes", rules.awardHours() * 60);
        // start from the year's ratings (indexed by ratedAt), then group by the member rated
        return neo4j.query("""
                MATCH (e:Evaluation) WHERE e.ratedAt >= $from AND e.ratedAt < $to
                MATCH (e)-[:RATES]->(:Claim)<-[:MADE]-(m:Member)
                WHERE ($unitId IS NULL OR EXISTS { (m)-[:WORKS_AT]->(:Unit {id: $unitId}) })
                  AND ($communityId IS NULL OR EXISTS { (m)-[:REGISTERED]->(r:Registration)-[:WITH_COMMUNITY]->(:Community {id: $communityId})
                                                        WHERE r.activeMemberId IS NOT NULL })
                WITH m, count(e) AS ratings, count(CASE WHEN e.score >= $satisfied THEN 1 END) AS satisfied
                CALL (m) {
                  OPTIONAL MATCH (m)-[:SERVED]->(sr:ServiceRecord) WHERE sr.checkInAt >= $from AND sr.checkInAt < $to
                  RETURN coalesce(sum(sr.minutes), 0) AS minutes
                }
                WITH m.id AS memberId, ratings, satisfied, minutes
                WHERE ratings >= $minimum AND toFloat(satisfied) / ratings >= $award AND minutes >= $awardMinutes
                  AND NOT EXISTS { MATCH (:Member {id: memberId})-[:LISTED_IN]->(n:NegativeListEntry)
                                   WHERE n.revokedAt IS NULL AND n.recordedAt >= $from AND n.recordedAt < $to }
                RETURN memberId, ratings, satisfied, minutes ORDER BY minutes DESC, memberId
                SKIP $skip LIMIT $limit""")
                .bindAll(parameters).fetch().all().stream()
                .map(row -> standing(row, year, List.of(), List.of()))
                .toList();
    }

    private Map<String, Object> yearParameters(int year, Page page) {
        Period period = Period.year(year);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", period.from());
        parameters.put("to", period.to());
        parameters.put("satisfied", rules.satisfiedScore());
        parameters.put("minimum", rules.minimumRatings());
        parameters.put("below", rules.interviewBelow());
        parameters.put("skip", page.skip());
        parameters.put("limit", page.fetchSize());
        return parameters;
    }

    private static MemberStanding standing(Map<String, Object> row, int year, List<InterviewReason> reasons,
            List<NegativeListEntry> entries) {
        int ratings = integer(row, "ratings");
        int satisfied = integer(row, "satisfied");
        return new MemberStanding(string(row, "memberId"), year, ratings, satisfied,
                ratings == 0 ? null : round(satisfied / (double) ratings), hours(decimal(row, "minutes")), reasons,
                entries);
    }

    Optional<NegativeListEntry> negativeEntry(String id) {
        return neo4j.query("MATCH (e:NegativeListEntry {id: $id}) RETURN " + NEGATIVE + " AS value").bind(id).to("id")
                .fetch().one().map(row -> negative(row.get("value")));
    }

    /** Negative-list entries, newest first, of a community and/or a member (revoked ones too, marked). */
    List<NegativeListEntry> negativeList(String communityId, String memberId, Page page) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("communityId", communityId);
        parameters.put("memberId", memberId);
        parameters.put("skip", page.skip());
        parameters.put("limit", page.fetchSize());
        String match = communityId != null
                ? "MATCH (:Community {id: $communityId})<-[:BY_COMMUNITY]-(e:NegativeListEntry) WHERE $memberId IS NULL OR EXISTS { (e)<-[:LISTED_IN]-(:Member {id: $memberId}) }"
                : memberId != null ? "MATCH (:Member {id: $memberId})-[:LISTED_IN]->(e:NegativeListEntry)"
                : "MATCH (e:NegativeListEntry)";
        return neo4j.query(match + " RETURN " + NEGATIVE + " AS value ORDER BY e.recordedAt DESC, e.id SKIP $skip LIMIT $limit")
                .bindAll(parameters).fetch().all().stream().map(row -> negative(row.get("value"))).toList();
    }

    /** 报回单位: one row per member of the unit (by id) for the quarter. */
    List<ReportBackRow> reportBack(String unitId, Period quarter, Page page) {
        return neo4j.query("""
                MATCH (:Unit {id: $unitId})<-[:WORKS_AT]-(m:Member)
                WITH m ORDER BY m.id SKIP $skip LIMIT $limit
                OPTIONAL MATCH (m)-[:REGISTERED]->(r:Registration)-[:WITH_COMMUNITY]->(c:Community) WHERE r.activeMemberId IS NOT NULL
                CALL (m) {
                  OPTIONAL MATCH (m)-[:MADE]->(claim:Claim)
                  WHERE claim.claimedAt >= $from AND claim.claimedAt < $to AND claim.state <> 'WITHDRAWN'
                  RETURN count(claim) AS claims
                }
                CALL (m) {
                  OPTIONAL MATCH (m)-[:MADE]->(:Claim {state: 'ACTIVE'})-[:FOR_TASK]->(t:Task)
                  WHERE t.state IN ['COMPLETED', 'EVALUATED'] AND t.endsAt >= $from AND t.endsAt < $to
                  RETURN count(t) AS tasksCompleted
                }
                CALL (m) {
                  OPTIONAL MATCH (m)-[:SERVED]->(sr:ServiceRecord) WHERE sr.checkInAt >= $from AND sr.checkInAt < $to
                  RETURN coalesce(sum(sr.minutes), 0) AS minutes
                }
                CALL (m) {
                  OPTIONAL MATCH (m)-[:MADE]->(:Claim)<-[:RATES]-(e:Evaluation) WHERE e.ratedAt >= $from AND e.ratedAt < $to
                  RETURN count(e) AS ratings, count(CASE WHEN e.score >= $satisfied THEN 1 END) AS satisfied
                }
                RETURN m.id AS memberId, r.state AS registrationState, c.id AS communityId,
                       COLLECT { MATCH (m)-[:HOLDS_POST]->(p:ServicePost) RETURN p.name ORDER BY p.name } AS posts,
                       claims, tasksCompleted, minutes, ratings, satisfied
                ORDER BY memberId""")
                .bindAll(Map.of("unitId", unitId == null ? "" : unitId, "from", quarter.from(), "to", quarter.to(),
                        "skip", page.skip(), "limit", page.fetchSize(), "satisfied", rules.satisfiedScore()))
                .fetch().all().stream()
                .map(row -> {
                    int ratings = integer(row, "ratings");
                    return new ReportBackRow(unitId, label(quarter), string(row, "memberId"), string(row, "registrationState"),
                            string(row, "communityId"), Values.strings(row, "posts"), integer(row, "claims"),
                            integer(row, "tasksCompleted"), hours(decimal(row, "minutes")), ratings,
                            ratings == 0 ? null : round(integer(row, "satisfied") / (double) ratings));
                })
                .toList();
    }

    Optional<JointMeeting> meeting(String id) {
        return neo4j.query("MATCH (m:JointMeeting {id: $id}) RETURN " + MEETING + " AS value").bind(id).to("id")
                .fetch().one().map(row -> meeting(row.get("value")));
    }

    /** A community's joint meetings, newest first. */
    List<JointMeeting> meetings(String communityId, Page page) {
        return neo4j.query("MATCH (:Community {id: $id})-[:HELD]->(m:JointMeeting) RETURN " + MEETING
                        + " AS value ORDER BY m.heldOn DESC, m.id SKIP $skip LIMIT $limit")
                .bindAll(Map.of("id", communityId, "skip", page.skip(), "limit", page.fetchSize()))
                .fetch().all().stream().map(row -> meeting(row.get("value"))).toList();
    }

    /** 联席会议 resolution rate: problems raised at meetings held in the period, and how many are resolved. */
    public Map<String, ResolutionRate> resolution(Collection<String> communityIds, Period period) {
        Map<String, ResolutionRate> byId = new HashMap<>();
        neo4j.query("""
                UNWIND $ids AS id
                CALL (id) {
                  OPTIONAL MATCH (:Community {id: id})-[:HELD]->(m:JointMeeting)-[:RAISED]->(p:MeetingProblem)
                  WHERE m.heldOn >= $from AND m.heldOn < $to
                  RETURN count(p) AS raised, count(CASE WHEN p.state = 'RESOLVED' THEN 1 END) AS resolved
                }
                RETURN id, raised, resolved""")
                .bindAll(Map.of("ids", List.copyOf(communityIds), "from", period.firstDay(), "to", period.endDay()))
                .fetch().all()
                .forEach(row -> {
                    int raised = integer(row, "raised");
                    byId.put((String) row.get("id"), new ResolutionRate(period.firstDay(),
                            period.lastDay(), raised, integer(row, "resolved"),
                            raised == 0 ? null : round(integer(row, "resolved") / (double) raised)));
                });
        return byId;
    }

    /** 日汇总、周研判、月总结: one community's figures for the period, in one statement. */
    CommunitySummary summary(String communityId, Period period) {
        Map<String, Object> row = neo4j.query("""
                MATCH (c:Community {id: $id})
                CALL (c) {
                  OPTIONAL MATCH (c)<-[:IN_COMMUNITY]-(r:Request) WHERE r.submittedAt >= $from AND r.submittedAt < $to
                  RETURN count(r) AS received
                }
                CALL (c) {
                  OPTIONAL MATCH (c)<-[:IN_COMMUNITY]-(r:Request) WHERE r.resolvedAt >= $from AND r.resolvedAt < $to
                  RETURN count(r) AS resolved
                }
                CALL (c) {
                  OPTIONAL MATCH (c)<-[:IN_COMMUNITY]-(r:Request) WHERE r.state IN ['SUBMITTED', 'ACCEPTED'] AND r.submittedAt < $to
                  RETURN count(r) AS open
                }
                CALL (c) {
                  OPTIONAL MATCH (c)<-[:OF_COMMUNITY]-(t:Task) WHERE t.startsAt >= $from AND t.startsAt < $to AND t.state <> 'DRAFT'
                  WITH t.kind AS kind, t.state = 'CANCELLED' AS cancelled, count(t) AS n
                  RETURN collect(CASE WHEN NOT cancelled AND kind IS NOT NULL THEN {kind: kind, count: n} END) AS kinds,
                         sum(CASE WHEN cancelled THEN n ELSE 0 END) AS cancelledTasks
                }
                CALL (c) {
                  OPTIONAL MATCH (c)<-[:OF_COMMUNITY]-(:Task)<-[:FOR_TASK]-(claim:Claim)
                  WHERE claim.claimedAt >= $from AND claim.claimedAt < $to AND claim.state <> 'WITHDRAWN'
                  RETURN count(claim) AS claims
                }
                CALL (c) {
                  // service at the community's tasks and at its standing posts
                  CALL (c) {
                    OPTIONAL MATCH (c)<-[:OF_COMMUNITY]-(:Task)<-[:FOR_TASK]-(:Claim)<-[:FOR_CLAIM]-(sr:ServiceRecord)<-[:SERVED]-(m:Member)
                    WHERE sr.checkInAt >= $from AND sr.checkInAt < $to
                    RETURN sr, m
                    UNION
                    OPTIONAL MATCH (c)-[:HAS_POST]->(:ServicePost)<-[:AT_POST]-(sr:ServiceRecord)<-[:SERVED]-(m:Member)
                    WHERE sr.checkInAt >= $from AND sr.checkInAt < $to
                    RETURN sr, m
                  }
                  RETURN coalesce(sum(sr.minutes), 0) AS minutes, count(DISTINCT m) AS members
                }
                CALL (c) {
                  OPTIONAL MATCH (c)<-[:OF_COMMUNITY]-(:Task)<-[:FOR_TASK]-(:Claim)<-[:RATES]-(e:Evaluation)
                  WHERE e.ratedAt >= $from AND e.ratedAt < $to
                  RETURN count(e) AS ratings, count(CASE WHEN e.score >= $satisfied THEN 1 END) AS satisfied
                }
                RETURN received, resolved, open, kinds, cancelledTasks, claims, ratings, satisfied, minutes, members""")
                .bindAll(Map.of("id", communityId, "from", period.from(), "to", period.to(), "satisfied", rules.satisfiedScore()))
                .fetch().one().orElse(null);
        if (row == null) {
            return null;
        }
        List<KindCount> kinds = new ArrayList<>();
        for (Object kind : (List<?>) row.get("kinds")) {
            Map<String, Object> k = Values.map(kind);
            kinds.add(new KindCount(string(k, "kind"), integer(k, "count")));
        }
        int ratings = integer(row, "ratings");
        return new CommunitySummary(communityId, period.kind(), period.firstDay(), period.lastDay(),
                integer(row, "received"), integer(row, "resolved"), integer(row, "open"), kinds,
                integer(row, "cancelledTasks"), integer(row, "claims"), integer(row, "members"),
                hours(decimal(row, "minutes")), ratings, integer(row, "satisfied"),
                ratings == 0 ? null : round(integer(row, "satisfied") / (double) ratings));
    }

    /** A quarter as written in the API: 2026-Q4. */
    static String label(Period quarter) {
        return quarter.firstDay().getYear() + "-Q" + ((quarter.firstDay().getMonthValue() - 1) / 3 + 1);
    }

    private static Satisfaction satisfaction(Period period, int ratings, int satisfied) {
        return new Satisfaction(period.firstDay(), period.lastDay(), ratings, satisfied,
                ratings == 0 ? null : round(satisfied / (double) ratings));
    }

    static double hours(double minutes) {
        return Math.round(minutes / 60.0 * 100) / 100.0;
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    static Evaluation evaluation(Object value) {
        Map<String, Object> e = Values.map(value);
        return new Evaluation(string(e, "id"), string(e, "claimId"), string(e, "raterRole"), string(e, "raterId"),
                integer(e, "score"), string(e, "comment"), time(e, "ratedAt"), string(e, "ratedBy"));
    }

    static NegativeListEntry negative(Object value) {
        Map<String, Object> e = Values.map(value);
        return new NegativeListEntry(string(e, "id"), string(e, "memberId"), string(e, "communityId"),
                string(e, "reason"), time(e, "recordedAt"), string(e, "recordedBy"), time(e, "revokedAt"),
                string(e, "revokeReason"));
    }

    static JointMeeting meeting(Object value) {
        Map<String, Object> m = Values.map(value);
        List<MeetingProblem> problems = ((List<?>) m.get("problems")).stream().map(Values::map).map(p -> {
            Map<String, Object> o = Values.map(p.get("owner"));
            return new MeetingProblem(string(p, "id"), string(p, "description"), string(p, "state"),
                    string(p, "resolution"), time(p, "resolvedAt"),
                    new ProblemOwner(string(o, "id"), string(o, "name"), string(o, "kind")));
        }).toList();
        return new JointMeeting(string(m, "id"), string(m, "communityId"), string(m, "title"), day(m, "heldOn"),
                string(m, "quarter"), string(m, "recordedBy"), problems);
    }
}
