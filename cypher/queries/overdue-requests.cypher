// Residents' requests still unresolved past their deadline, most overdue first, city-wide (at most 100).
// The deadline is the resident's preferred end when given, otherwise set by urgency: 紧急 1 day, 较急 3,
// 一般 7, 不急 14 days after posting.
// Parameters: none
MATCH (r:Request)-[:IN_COMMUNITY]->(c:Community)
WHERE r.state IN ['SUBMITTED', 'ACCEPTED']
WITH r, c, coalesce(r.preferredTo, r.submittedAt + duration({days: CASE r.urgency WHEN 'URGENT' THEN 1 WHEN 'HIGH' THEN 3
                                                                    WHEN 'LOW' THEN 14 ELSE 7 END})) AS deadline
WHERE deadline < datetime()
OPTIONAL MATCH (r)-[:SERVED_BY]->(t:Task)
RETURN c.name AS community, r.text AS request, r.urgency AS urgency, r.state AS state, toString(deadline) AS deadline,
       duration.inDays(deadline, datetime()).days AS daysOverdue, t.title AS task
ORDER BY daysOverdue DESC, community
LIMIT 100;
