// 月总结 for every community over the last 30 days: tasks by kind, claims, service hours and satisfaction.
// Parameters: none
MATCH (c:Community)
CALL (c) {
  OPTIONAL MATCH (c)<-[:OF_COMMUNITY]-(t:Task)
  WHERE t.startsAt >= datetime() - duration({days: 30}) AND t.state <> 'CANCELLED' AND t.state <> 'DRAFT'
  RETURN count(CASE t.kind WHEN 'MICRO_SERVICE' THEN 1 END) AS microServices,
         count(CASE t.kind WHEN 'PROJECT' THEN 1 END) AS projects,
         count(CASE t.kind WHEN 'LARGE_ACTIVITY' THEN 1 END) AS largeActivities,
         count(CASE t.kind WHEN 'EMERGENCY' THEN 1 END) AS emergencies
}
CALL (c) {
  OPTIONAL MATCH (c)<-[:OF_COMMUNITY]-(:Task)<-[:FOR_TASK]-(claim:Claim)<-[:FOR_CLAIM]-(sr:ServiceRecord)
  WHERE sr.checkInAt >= datetime() - duration({days: 30})
  RETURN count(DISTINCT claim) AS claimsServed, round(coalesce(sum(sr.minutes), 0) / 60.0, 1) AS hours
}
CALL (c) {
  OPTIONAL MATCH (c)<-[:OF_COMMUNITY]-(:Task)<-[:FOR_TASK]-(:Claim)<-[:RATES]-(e:Evaluation)
  WHERE e.ratedAt >= datetime() - duration({days: 30})
  RETURN count(e) AS ratings, count(CASE WHEN e.score >= 4 THEN 1 END) AS satisfied
}
WITH c, microServices, projects, largeActivities, emergencies, claimsServed, hours, ratings, satisfied
WHERE microServices + projects + largeActivities + emergencies + ratings > 0
RETURN c.name AS community, microServices, projects, largeActivities, emergencies, claimsServed, hours, ratings,
       CASE WHEN ratings = 0 THEN null ELSE round(100.0 * satisfied / ratings, 1) END AS satisfactionPercent
ORDER BY community;
