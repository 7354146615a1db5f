// The busiest members of the city: the 20 with the most hours of completed service in the last 365 days,
// with where they registered and where they work.
// Parameters: none
MATCH (m:Member)-[:SERVED]->(sr:ServiceRecord)
WHERE sr.checkInAt >= datetime() - duration('P365D') AND sr.minutes IS NOT NULL
WITH m, sum(sr.minutes) AS minutes, count(sr) AS services
ORDER BY minutes DESC
LIMIT 20
OPTIONAL MATCH (m)-[:WORKS_AT]->(u:Unit)
OPTIONAL MATCH (m)-[:REGISTERED]->(:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(c:Community)
RETURN m.name AS member, c.name AS community, u.name AS unit, services, round(minutes / 60.0, 1) AS hours
ORDER BY hours DESC, member;
