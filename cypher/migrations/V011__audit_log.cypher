// Audit log (issue 8): append-only entries for every mutation, every refusal and every read of full
// personal data — who, when, what, from which request. Written only by the service (AuditTrail), read by
// the city's administrators (auditLog); no API changes or deletes them.
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_entry_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at);
CREATE INDEX audit_entry_actor IF NOT EXISTS FOR (n:AuditEntry) ON (n.actor);
