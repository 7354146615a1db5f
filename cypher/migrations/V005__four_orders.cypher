// 四单 flow: requests (点单), tasks (下单), claims (接单), service records, evaluations (评单), standing
// posts, joint meetings and the negative list. Keys are uniqueness constraints (Community edition).
CREATE CONSTRAINT request_id IF NOT EXISTS FOR (n:Request) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE;
// One active claim per member and task (activeKey = taskId/memberId, removed on withdrawal), enforced by
// the database so that concurrent requests cannot create a second one.
CREATE CONSTRAINT claim_active_key IF NOT EXISTS FOR (n:Claim) REQUIRE n.activeKey IS UNIQUE;
CREATE CONSTRAINT team_claim_id IF NOT EXISTS FOR (n:TeamClaim) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT team_claim_key IF NOT EXISTS FOR (n:TeamClaim) REQUIRE n.activeKey IS UNIQUE;
CREATE CONSTRAINT service_record_id IF NOT EXISTS FOR (n:ServiceRecord) REQUIRE n.id IS UNIQUE;
// At most one open (checked-in, not checked-out) record per claim or per member and post.
CREATE CONSTRAINT service_record_open IF NOT EXISTS FOR (n:ServiceRecord) REQUIRE n.openKey IS UNIQUE;
CREATE CONSTRAINT evaluation_id IF NOT EXISTS FOR (n:Evaluation) REQUIRE n.id IS UNIQUE;
// One rating per rater per claim: key = claimId/raterRole.
CREATE CONSTRAINT evaluation_key IF NOT EXISTS FOR (n:Evaluation) REQUIRE n.raterKey IS UNIQUE;
CREATE CONSTRAINT service_post_id IF NOT EXISTS FOR (n:ServicePost) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT joint_meeting_id IF NOT EXISTS FOR (n:JointMeeting) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT meeting_problem_id IF NOT EXISTS FOR (n:MeetingProblem) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT negative_entry_id IF NOT EXISTS FOR (n:NegativeListEntry) REQUIRE n.id IS UNIQUE;
CREATE INDEX request_state IF NOT EXISTS FOR (n:Request) ON (n.state);
CREATE INDEX request_submitted IF NOT EXISTS FOR (n:Request) ON (n.submittedAt);
CREATE INDEX task_state IF NOT EXISTS FOR (n:Task) ON (n.state);
CREATE INDEX task_starts IF NOT EXISTS FOR (n:Task) ON (n.startsAt);
CREATE INDEX task_ends IF NOT EXISTS FOR (n:Task) ON (n.endsAt);
CREATE INDEX service_record_check_in IF NOT EXISTS FOR (n:ServiceRecord) ON (n.checkInAt);
CREATE INDEX evaluation_rated IF NOT EXISTS FOR (n:Evaluation) ON (n.ratedAt);
