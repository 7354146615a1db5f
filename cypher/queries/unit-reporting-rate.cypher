// 报到率 per unit: members on the unit's roster and how many of them are registered (confirmed) with the
// community where they live; lowest rate first.
// Parameters: none
MATCH (u:Unit)-[:HAS_PARTY_ORG]->(o:UnitPartyOrg)
WITH u, COUNT { (o)<-[:MEMBER_OF]-(:Member) } AS onRoster,
     COUNT { (o)<-[:MEMBER_OF]-(m:Member) WHERE EXISTS { (m)-[:REGISTERED]->(:Registration {state: 'CONFIRMED'}) } } AS registered
WHERE onRoster > 0
RETURN u.name AS unit, u.kind AS kind, onRoster, registered, round(100.0 * registered / onRoster, 1) AS ratePercent
ORDER BY ratePercent, unit;
