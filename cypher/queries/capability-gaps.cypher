// 群众所需 vs 党员所能: for each skill a community's residents asked for in the last 90 days, the requests
// that needed it, how many were resolved, and how many members registered with the community hold it or
// a skill that can stand in (SUBSTITUTES, strength ≥ 0.5) — gaps first. The same figures as the GraphQL
// query capabilityGaps (which also proposes members to invite). A request's skills are NEEDS_SKILL: the
// classifier's or a secretary's correction.
// Parameters: communityId, e.g. :param communityId => '320613001001'
MATCH (c:Community {id: $communityId})<-[:IN_COMMUNITY]-(r:Request)-[:NEEDS_SKILL]->(s:Skill)
WHERE r.submittedAt >= datetime() - duration('P90D') AND r.state <> 'MERGED'
WITH c, s, count(r) AS requested, count(CASE WHEN r.state = 'RESOLVED' THEN 1 END) AS served
WITH s, requested, served,
     size(COLLECT { MATCH (c)<-[:WITH_COMMUNITY]-(:Registration {state: 'CONFIRMED'})<-[:REGISTERED]-(m:Member)-[:HAS_SKILL]->(s)
                    RETURN DISTINCT m.id }) AS holders,
     size(COLLECT { MATCH (c)<-[:WITH_COMMUNITY]-(:Registration {state: 'CONFIRMED'})<-[:REGISTERED]-(m:Member)
                          -[:HAS_SKILL]->(:Skill)-[x:SUBSTITUTES]->(s)
                    WHERE x.strength >= 0.5 AND NOT (m)-[:HAS_SKILL]->(s)
                    RETURN DISTINCT m.id }) AS standIns
WITH s, requested, served, holders, standIns,
     CASE WHEN holders = 0 AND standIns = 0 THEN '无人能做'
          WHEN holders = 0 THEN '仅能替代'
          WHEN served < 0.7 * requested THEN '服务不足'
          ELSE '已覆盖' END AS status
RETURN s.name AS skill, requested, served, holders, standIns, status
ORDER BY CASE status WHEN '无人能做' THEN 0 WHEN '仅能替代' THEN 1 WHEN '服务不足' THEN 2 ELSE 3 END,
         requested - served DESC, requested DESC, skill;
