// Which communities have functional groups (功能型党小组) without a leader? A group's leader is the deputy
// secretary (副书记) of the grid branch it is embedded in; no deputy secretary means no leader.
// Parameters: none
MATCH (s:Street)-[:HAS_COMMUNITY]->(c:Community)-[:HAS_FUNCTIONAL_BRANCH]->(:FunctionalBranch)
      -[:HAS_FUNCTIONAL_GROUP]->(g:FunctionalGroup)-[:EMBEDDED_IN]->(b:GridBranch)
WHERE NOT EXISTS { (b)<-[:DEPUTY_SECRETARY_OF]-(:Member) }
RETURN s.name AS street, c.id AS communityId, c.name AS community, collect(g.name + '（' + b.name + '）') AS groupsWithoutLeader
ORDER BY communityId;
