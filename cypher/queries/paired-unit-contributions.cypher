// 结对共建: the units paired with a community, what they committed to (responsibilities, since when) and what
// their members did there in the last 365 days: members who served, claims on the community's tasks, hours.
// Parameters: communityId, e.g. :param communityId => '320613001001'
MATCH (c:Community {id: $communityId})<-[p:PAIRED_WITH]-(u:Unit)
OPTIONAL MATCH (u)<-[:WORKS_AT]-(m:Member)-[:MADE]->(claim:Claim)-[:FOR_TASK]->(:Task)-[:OF_COMMUNITY]->(c)
  WHERE claim.state <> 'WITHDRAWN' AND claim.claimedAt >= datetime() - duration('P365D')
OPTIONAL MATCH (claim)<-[:FOR_CLAIM]-(sr:ServiceRecord)
RETURN u.name AS unit, p.responsibilities AS responsibilities, toString(p.since) AS since,
       count(DISTINCT m) AS membersServing, count(DISTINCT claim) AS claims,
       round(coalesce(sum(sr.minutes), 0) / 60.0, 1) AS hours
ORDER BY hours DESC, unit;
