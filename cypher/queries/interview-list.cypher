// 约谈: members whose satisfaction this calendar year is below 70 % (ratings of 4 or 5 count as satisfied) with at
// least 3 ratings, or who have a negative-list entry (负面清单) recorded this year and not revoked; with their work
// unit, whose party secretary holds the interview, the reasons, and the interview if one was recorded.
// Low satisfaction first, lowest first.
// Parameters: none
WITH datetime.truncate('year', datetime({timezone: 'Asia/Shanghai'})) AS yearStart
CALL (yearStart) {
  MATCH (e:Evaluation)-[:RATES]->(:Claim)<-[:MADE]-(m:Member)
  WHERE e.ratedAt >= yearStart
  WITH m, count(e) AS ratings, count(CASE WHEN e.score >= 4 THEN 1 END) AS satisfied
  WHERE ratings >= 3 AND toFloat(satisfied) / ratings < 0.70
  RETURN m, '满意度低于70%' AS reason
  UNION
  MATCH (m:Member)-[:LISTED_IN]->(n:NegativeListEntry)
  WHERE n.recordedAt >= yearStart AND n.revokedAt IS NULL
  RETURN DISTINCT m, '负面清单' AS reason
}
WITH yearStart, m, collect(reason) AS reasons
MATCH (m)-[:WORKS_AT]->(u:Unit)
OPTIONAL MATCH (m)-[:MADE]->(:Claim)<-[:RATES]-(e:Evaluation) WHERE e.ratedAt >= yearStart
WITH yearStart, m, u, reasons, count(e) AS ratings, count(CASE WHEN e.score >= 4 THEN 1 END) AS satisfied
RETURN m.id AS member, m.name AS name, u.name AS unit, reasons, ratings, satisfied,
       CASE WHEN ratings = 0 THEN null ELSE round(100.0 * satisfied / ratings, 1) END AS satisfactionPercent,
       COLLECT { MATCH (m)-[:HAD_INTERVIEW]->(i:Interview {year: yearStart.year}) RETURN i.outcome }[0] AS interview
ORDER BY size([r IN reasons WHERE r = '满意度低于70%']) DESC, satisfactionPercent, member;
