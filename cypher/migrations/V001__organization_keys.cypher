// Node keys and lookups of the organisation tree (街道 → 社区).
// Each statement is idempotent (IF NOT EXISTS) and ends with a semicolon at the end of a line.
CREATE CONSTRAINT street_id IF NOT EXISTS FOR (n:Street) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT community_id IF NOT EXISTS FOR (n:Community) REQUIRE n.id IS UNIQUE;
CREATE INDEX street_name IF NOT EXISTS FOR (n:Street) ON (n.name);
CREATE INDEX community_name IF NOT EXISTS FOR (n:Community) ON (n.name);
