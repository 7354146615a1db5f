// Which units are paired with (结对共建) or stationed in (驻区) which communities, and what do they contribute?
// Parameters: none
MATCH (u:Unit)-[link:PAIRED_WITH|STATIONED_IN]->(c:Community)<-[:HAS_COMMUNITY]-(s:Street)
RETURN u.name AS unit, u.kind AS kind,
       CASE type(link) WHEN 'PAIRED_WITH' THEN '结对共建' ELSE '驻区单位' END AS relation,
       s.name AS street, c.name AS community, link.responsibilities AS contributes, link.since AS since
ORDER BY unit, relation, community;
