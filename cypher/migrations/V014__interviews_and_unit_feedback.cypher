// Issue 18: interviews (约谈) recorded for members on the interview list, and the unit's feedback on a
// member's report-back (单位反馈). One interview per member and year: memberYear = "<memberId>/<year>",
// enforced by the database so that two secretaries recording at once cannot both succeed.
CREATE CONSTRAINT interview_id IF NOT EXISTS FOR (n:Interview) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT interview_member_year IF NOT EXISTS FOR (n:Interview) REQUIRE n.memberYear IS UNIQUE;
CREATE CONSTRAINT unit_feedback_id IF NOT EXISTS FOR (n:UnitFeedback) REQUIRE n.id IS UNIQUE;
