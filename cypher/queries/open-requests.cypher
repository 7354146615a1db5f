// Residents' requests still open in a community (待受理 or 已受理 but not yet resolved), longest waiting
// first, with the task that serves them if any.
// Parameters: communityId, e.g. :param communityId => '320613001001'
MATCH (:Community {id: $communityId})<-[:IN_COMMUNITY]-(r:Request)
WHERE r.state IN ['SUBMITTED', 'ACCEPTED']
OPTIONAL MATCH (r)-[:SERVED_BY]->(t:Task)
RETURN r.id AS request, r.text AS text, r.urgency AS urgency, r.state AS state,
       duration.inDays(r.submittedAt, datetime()).days AS daysWaiting, t.title AS task, t.state AS taskState
ORDER BY daysWaiting DESC, request;
