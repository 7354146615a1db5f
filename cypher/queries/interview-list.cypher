// 约谈: members whose satisfaction this calendar year is below 70 % (ratings of 4 or 5 count as satisfied),
// with at least 3 ratings; with their work unit, whose party secretary holds the interview. Lowest first.
// Parameters: none
MATCH (e:Evaluation)-[:RATES]->(:Claim)<-[:MADE]-(m:Member)
WHERE e.ratedAt >= datetime.truncate('year', datetime({timezone: 'Asia/Shanghai'}))
WITH m, count(e) AS ratings, count(CASE WHEN e.score >= 4 THEN 1 END) AS satisfied
WHERE ratings >= 3 AND toFloat(satisfied) / ratings < 0.70
MATCH (m)-[:WORKS_AT]->(u:Unit)
RETURN m.id AS member, m.name AS name, u.name AS unit, ratings, satisfied,
       round(100.0 * satisfied / ratings, 1) AS satisfactionPercent
ORDER BY satisfactionPercent, member;
