// A member's 双报到 history: every registration, the community and building, and what became of it.
// Parameters: memberId — e.g. :param memberId => 'M000001'
MATCH (m:Member {id: $memberId})-[:REGISTERED]->(r:Registration)-[:WITH_COMMUNITY]->(c:Community),
      (r)-[:FOR_RESIDENCE]->(home:MicroGrid)
OPTIONAL MATCH (r)-[:REPORTED_TO]->(o:PartyOrg)
RETURN m.name AS member, r.state AS state, r.channel AS channel, c.name AS community, home.name AS residence,
       r.registeredAt AS registeredAt, r.decidedAt AS decidedAt, r.rejectReason AS rejectReason,
       r.endedAt AS endedAt, r.endReason AS endReason, o.name AS reportedTo
ORDER BY registeredAt DESC;
