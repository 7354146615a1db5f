// Members registered with a community who have never claimed a task nor served, longest registered first —
// the people a secretary calls first (at most 100).
// Parameters: communityId, e.g. :param communityId => '320613001001'
MATCH (:Community {id: $communityId})<-[:WITH_COMMUNITY]-(r:Registration {state: 'CONFIRMED'})<-[:REGISTERED]-(m:Member)
WHERE NOT EXISTS { (m)-[:MADE]->(:Claim) } AND NOT EXISTS { (m)-[:SERVED]->(:ServiceRecord) }
OPTIONAL MATCH (m)-[:WORKS_AT]->(u:Unit)
RETURN m.name AS member, u.name AS unit, toString(date(r.decidedAt)) AS registeredOn,
       duration.inDays(r.decidedAt, datetime()).days AS daysSinceRegistration
ORDER BY daysSinceRegistration DESC, member
LIMIT 100;
