// Seats of a community's open tasks (published or under way): headcount, seats taken, and any task
// over-booked (the service never lets that happen; this is the analyst's check).
// Parameters: communityId, e.g. :param communityId => '320613001001'
MATCH (:Community {id: $communityId})<-[:OF_COMMUNITY]-(t:Task)
WHERE t.state IN ['PUBLISHED', 'IN_PROGRESS']
WITH t, COUNT { (t)<-[:FOR_TASK]-(c:Claim) WHERE c.activeKey IS NOT NULL } AS taken
RETURN t.title AS task, t.kind AS kind, t.startsAt AS startsAt, t.headcount AS headcount, taken,
       t.headcount - taken AS openSeats, taken > t.headcount AS overBooked
ORDER BY startsAt, task;
