// Search boxes of the tables front ends show (issue 20): full-text indexes with the cjk analyzer, which indexes
// Chinese as overlapping character pairs, so a part of a name or text is found (platform/graphql/Search).
CREATE FULLTEXT INDEX member_search IF NOT EXISTS FOR (n:Member) ON EACH [n.name]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX resident_search IF NOT EXISTS FOR (n:Resident) ON EACH [n.name]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX unit_search IF NOT EXISTS FOR (n:Unit) ON EACH [n.name]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX request_search IF NOT EXISTS FOR (n:Request) ON EACH [n.text]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX task_search IF NOT EXISTS FOR (n:Task) ON EACH [n.title, n.description]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX audit_search IF NOT EXISTS FOR (n:AuditEntry) ON EACH [n.actor, n.operation]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
