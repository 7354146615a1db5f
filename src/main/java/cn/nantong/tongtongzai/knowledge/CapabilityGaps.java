package cn.nantong.tongtongzai.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.neo4j.Values;
import cn.nantong.tongtongzai.platform.time.Period;

/**
 * 群众所需 vs 党员所能 for a community (or one of its grids) in a period: for every skill its residents'
 * requests needed (NEEDS_SKILL — the classifier's or a secretary's), how many of those requests were
 * resolved, and how many members registered with the community hold the skill or one that can stand in.
 * Where needs outrun abilities, the members who could be invited: those who live here but have not
 * registered, and those working in units paired with or stationed in the community.
 */
@Service
public class CapabilityGaps {

    /** Below this share of resolved requests a skill is under-served (the same 70 % bar as satisfaction). */
    static final double SERVED_TARGET = 0.7;
    /** A near skill counts as a stand-in from this strength on, as in matching. */
    static final double STAND_IN_STRENGTH = 0.5;
    /** Members proposed per gap at most; the field's `first` takes fewer. */
    static final int MAX_INVITATIONS = 20;

    public enum GapStatus {
        NO_ONE, STAND_INS_ONLY, UNDERSERVED, COVERED
    }

    public enum InvitationChannel {
        LIVES_HERE, PAIRED_UNIT, STATIONED_UNIT
    }

    public record Report(String communityId, String gridId, Period period, int requests, int unclassifiedRequests,
            List<SkillGap> skills) {

        public List<SkillGap> gaps() {
            return skills.stream().filter(s -> s.status() != GapStatus.COVERED).toList();
        }
    }

    public record SkillGap(String skillId, String skillName, int requested, int served, int open, int holders,
            int standIns, GapStatus status, String explanation, List<Invitation> invitations) {

        public Double servedRate() {
            return requested == 0 ? null : Math.round(1000.0 * served / requested) / 1000.0;
        }
    }

    public record Invitation(String memberId, InvitationChannel channel, String reason, int level) {
    }

    /** Requests of the community in the period (merged duplicates aside), restricted to the grid when given. */
    private static final String REQUESTS_IN_SCOPE = """
            MATCH (c)<-[:IN_COMMUNITY]-(r:Request)
            WHERE r.submittedAt >= $from AND r.submittedAt < $to AND r.state <> 'MERGED'
              AND ($gridId IS NULL OR EXISTS { (r)-[:AT]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)
                    <-[:HAS_PARTY_GROUP]-(:GridBranch)-[:SERVES_GRID]->(:Grid {id: $gridId}) })""";

    /** Members with a confirmed registration here, living in the grid when one is given. */
    private static final String REGISTERED_HERE = """
            (c)<-[:WITH_COMMUNITY]-(:Registration {state: 'CONFIRMED'})<-[:REGISTERED]-(m:Member)
            WHERE ($gridId IS NULL OR EXISTS { (m)-[:LIVES_IN]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)
                    <-[:HAS_PARTY_GROUP]-(:GridBranch)-[:SERVES_GRID]->(:Grid {id: $gridId}) })""";

    private final Neo4jClient neo4j;

    CapabilityGaps(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    @Transactional(readOnly = true)
    public Report report(String communityId, String gridId, Period period) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("communityId", communityId == null ? "" : communityId);
        parameters.put("gridId", gridId);
        parameters.put("from", period.from());
        parameters.put("to", period.to());
        parameters.put("minStrength", STAND_IN_STRENGTH);
        Map<String, Object> scope = neo4j.query("""
                OPTIONAL MATCH (c:Community {id: $communityId})
                RETURN c IS NOT NULL AS community,
                       $gridId IS NULL OR EXISTS { (c)-[:HAS_GRID]->(:Grid {id: $gridId}) } AS grid""")
                .bindAll(parameters).fetch().one().orElseThrow();
        if (!Values.bool(scope, "community")) {
            throw new UserInputException(ErrorCode.COMMUNITY_NOT_FOUND, "找不到该社区。");
        }
        if (!Values.bool(scope, "grid")) {
            throw new UserInputException(ErrorCode.GRID_NOT_FOUND, "该网格不属于这个社区。");
        }
        Map<String, Object> row = neo4j.query("""
                MATCH (c:Community {id: $communityId})
                CALL (c) {
                  %1$s
                  RETURN count(r) AS requests, count(CASE WHEN NOT EXISTS { (r)-[:NEEDS_SKILL]->() } THEN 1 END) AS unclassified
                }
                CALL (c) {
                  %1$s
                  MATCH (r)-[:NEEDS_SKILL]->(s:Skill)
                  WITH c, s, count(r) AS requested, count(CASE WHEN r.state = 'RESOLVED' THEN 1 END) AS served,
                       count(CASE WHEN r.state IN ['SUBMITTED', 'ACCEPTED'] THEN 1 END) AS open
                  RETURN collect({skillId: s.id, skillName: s.name, requested: requested, served: served, open: open,
                      holders: size(COLLECT { MATCH %2$s AND (m)-[:HAS_SKILL]->(s) RETURN DISTINCT m.id }),
                      standIns: size(COLLECT { MATCH %2$s AND NOT (m)-[:HAS_SKILL]->(s)
                                                 AND EXISTS { (m)-[:HAS_SKILL]->(:Skill)-[x:SUBSTITUTES]->(s) WHERE x.strength >= $minStrength }
                                               RETURN DISTINCT m.id })}) AS skills
                }
                RETURN requests, unclassified, skills""".formatted(REQUESTS_IN_SCOPE, REGISTERED_HERE))
                .bindAll(parameters).fetch().one().orElseThrow();
        List<Map<String, Object>> rows = ((List<?>) row.get("skills")).stream().map(Values::map).toList();
        // members to invite for the gaps, looked up once for all of them
        Map<String, List<Invitation>> invitations = invitations(parameters, rows.stream()
                .filter(s -> status(s) != GapStatus.COVERED).map(s -> Values.string(s, "skillId")).toList());
        List<SkillGap> skills = new ArrayList<>();
        for (Map<String, Object> s : rows) {
            int requested = Values.integer(s, "requested");
            int served = Values.integer(s, "served");
            int holders = Values.integer(s, "holders");
            int standIns = Values.integer(s, "standIns");
            GapStatus status = status(s);
            String id = Values.string(s, "skillId");
            String name = Values.string(s, "skillName");
            skills.add(new SkillGap(id, name, requested, served, Values.integer(s, "open"), holders, standIns, status,
                    explanation(name, requested, served, holders, standIns, status), invitations.getOrDefault(id, List.of())));
        }
        skills.sort(Comparator.comparing(SkillGap::status).thenComparing(g -> -(g.requested() - g.served()))
                .thenComparing(g -> -g.requested()).thenComparing(SkillGap::skillId));
        return new Report(communityId, gridId, period, Values.integer(row, "requests"), Values.integer(row, "unclassified"),
                List.copyOf(skills));
    }

    private static GapStatus status(Map<String, Object> skill) {
        int holders = Values.integer(skill, "holders");
        if (holders == 0) {
            return Values.integer(skill, "standIns") == 0 ? GapStatus.NO_ONE : GapStatus.STAND_INS_ONLY;
        }
        return Values.integer(skill, "served") < SERVED_TARGET * Values.integer(skill, "requested")
                ? GapStatus.UNDERSERVED : GapStatus.COVERED;
    }

    /**
     * Members holding a gap's skill who are not registered here yet: living in the community first (they
     * owe it their 双报到), then members of paired units (结对共建), then of units stationed in it; higher
     * level first within a channel.
     */
    private Map<String, List<Invitation>> invitations(Map<String, Object> parameters, List<String> skillIds) {
        if (skillIds.isEmpty()) {
            return Map.of();
        }
        Set<String> wanted = Set.copyOf(skillIds);
        Map<String, Map<String, Invitation>> bySkill = new LinkedHashMap<>();
        // the skills are filtered here rather than in Cypher: an IN list next to the subqueries misleads the planner
        neo4j.query("""
                MATCH (c:Community {id: $communityId})
                CALL (c) {
                  MATCH (c)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)
                        -[:HAS_GRID_BRANCH]->(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)-[:HAS_MICRO_GRID]->(:MicroGrid)<-[:LIVES_IN]-(m:Member)
                  RETURN m, 'LIVES_HERE' AS channel, null AS unit, 0 AS rank
                  UNION
                  MATCH (c)<-[:PAIRED_WITH]-(u:Unit)<-[:WORKS_AT]-(m:Member)
                  RETURN m, 'PAIRED_UNIT' AS channel, u.name AS unit, 1 AS rank
                  UNION
                  MATCH (c)<-[:STATIONED_IN]-(u:Unit)<-[:WORKS_AT]-(m:Member)
                  RETURN m, 'STATIONED_UNIT' AS channel, u.name AS unit, 2 AS rank
                }
                WITH c, m, channel, unit, rank
                WHERE NOT EXISTS { (m)-[:REGISTERED]->(:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(c) }
                MATCH (m)-[h:HAS_SKILL]->(s:Skill)
                RETURN s.id AS skillId, m.id AS memberId, channel, unit, h.level AS level
                ORDER BY rank, level DESC, memberId""").bindAll(parameters).fetch().all().forEach(r -> {
            String skillId = Values.string(r, "skillId");
            if (!wanted.contains(skillId)) {
                return;
            }
            Map<String, Invitation> invited = bySkill.computeIfAbsent(skillId, k -> new LinkedHashMap<>());
            String memberId = Values.string(r, "memberId");
            if (invited.size() < MAX_INVITATIONS && !invited.containsKey(memberId)) {
                InvitationChannel channel = InvitationChannel.valueOf(Values.string(r, "channel"));
                String unit = Values.string(r, "unit");
                String reason = switch (channel) {
                    case LIVES_HERE -> "住在本社区，尚未到社区报到";
                    case PAIRED_UNIT -> "所在单位「" + unit + "」与本社区结对共建";
                    case STATIONED_UNIT -> "所在单位「" + unit + "」驻在本社区";
                };
                invited.put(memberId, new Invitation(memberId, channel, reason, Values.integer(r, "level")));
            }
        });
        Map<String, List<Invitation>> result = new HashMap<>();
        bySkill.forEach((skill, invited) -> result.put(skill, List.copyOf(invited.values())));
        return result;
    }

    static String explanation(String skill, int requested, int served, int holders, int standIns, GapStatus status) {
        String asked = requested + "件求助需要「" + skill + "」，已解决" + served + "件";
        return switch (status) {
            case NO_ONE -> asked + "；本社区已报到党员中无人具备此技能，也无人能以相近技能替代";
            case STAND_INS_ONLY -> asked + "；无人具备此技能，仅" + standIns + "人能以相近技能替代";
            case UNDERSERVED -> asked + "（低于" + Math.round(SERVED_TARGET * 100) + "%）；具备此技能的已报到党员" + holders + "人";
            case COVERED -> asked + "；具备此技能的已报到党员" + holders + "人";
        };
    }
}
