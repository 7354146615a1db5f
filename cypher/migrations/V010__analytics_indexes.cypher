// Indexes for the analytics figures (issue 7): each period's service records, ratings, requests and tasks
// are found by their time, not by walking every member or community of the city.
CREATE INDEX service_record_check_in IF NOT EXISTS FOR (n:ServiceRecord) ON (n.checkInAt);
CREATE INDEX evaluation_rated_at IF NOT EXISTS FOR (n:Evaluation) ON (n.ratedAt);
CREATE INDEX request_submitted_at IF NOT EXISTS FOR (n:Request) ON (n.submittedAt);
CREATE INDEX request_resolved_at IF NOT EXISTS FOR (n:Request) ON (n.resolvedAt);
CREATE INDEX task_starts_at IF NOT EXISTS FOR (n:Task) ON (n.startsAt);
