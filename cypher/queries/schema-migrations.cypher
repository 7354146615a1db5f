// Which schema migrations (cypher/migrations/V###__*.cypher) were applied to this database, and when?
// Parameters: none
MATCH (m:SchemaMigration)
RETURN m.version AS version, m.file AS file, m.appliedAt AS appliedAt, m.checksum AS checksum
ORDER BY version;
