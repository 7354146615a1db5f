// Notifications (issue 18): one inbox per member or resident. Each notification carries its inbox key
// ("Member/<id>" or "Resident/<id>"), so that a page of an inbox, newest first, and its unread count are read
// through one index on (inbox, createdAt) without walking the person's relationships.
CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE;
CREATE INDEX notification_inbox IF NOT EXISTS FOR (n:Notification) ON (n.inbox, n.createdAt);
