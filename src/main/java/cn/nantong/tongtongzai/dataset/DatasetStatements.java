package cn.nantong.tongtongzai.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Cypher that loads each kind of row, in load order (parents before children). Data sets load into a
 * database without an organisation (checked by {@link DatasetLoader}), so rows CREATE what they describe;
 * a duplicate id still fails on the uniqueness constraints. Imported files carry rows only; the
 * statements stay here.
 */
final class DatasetStatements {

    private static final Map<String, String> STATEMENTS = new LinkedHashMap<>();

    static {
        add("streets", """
                CREATE (s:Street {id: row.id})
                SET s.name = row.name, s.district = row.district, s.derived = row.derived""");
        add("communities", """
                MATCH (s:Street {id: row.streetId})
                CREATE (c:Community {id: row.id})
                SET c.name = row.name, c.derived = row.derived
                CREATE (s)-[:HAS_COMMUNITY]->(c)""");
        add("committees", """
                MATCH (c:Community {id: row.communityId})
                CREATE (k:CommunityCommittee {id: row.id}) SET k.name = row.name
                CREATE (c)-[:HAS_COMMITTEE]->(k)""");
        add("generalBranches", """
                MATCH (k:CommunityCommittee {id: row.committeeId})
                CREATE (g:GeneralBranch {id: row.id}) SET g.name = row.name
                CREATE (k)-[:HAS_GENERAL_BRANCH]->(g)""");
        add("grids", """
                MATCH (c:Community {id: row.communityId})
                CREATE (w:Grid {id: row.id}) SET w.name = row.name
                CREATE (c)-[:HAS_GRID]->(w)""");
        add("gridBranches", """
                MATCH (g:GeneralBranch {id: row.generalBranchId}), (w:Grid {id: row.gridId})
                CREATE (b:GridBranch {id: row.id}) SET b.name = row.name
                CREATE (g)-[:HAS_GRID_BRANCH]->(b)
                CREATE (b)-[:SERVES_GRID]->(w)""");
        add("partyGroups", """
                MATCH (b:GridBranch {id: row.gridBranchId})
                CREATE (p:PartyGroup {id: row.id}) SET p.name = row.name
                CREATE (b)-[:HAS_PARTY_GROUP]->(p)""");
        add("compounds", """
                MATCH (c:Community {id: row.communityId})
                CREATE (x:Compound {id: row.id}) SET x.name = row.name, x.kind = row.kind
                CREATE (c)-[:HAS_COMPOUND]->(x)""");
        add("microGrids", """
                MATCH (p:PartyGroup {id: row.partyGroupId}), (x:Compound {id: row.compoundId})
                CREATE (m:MicroGrid {id: row.id}) SET m.name = row.name, m.building = row.building
                CREATE (p)-[:HAS_MICRO_GRID]->(m)
                CREATE (m)-[:IN_COMPOUND]->(x)""");
        add("functionalBranches", """
                MATCH (c:Community {id: row.communityId})
                CREATE (f:FunctionalBranch {id: row.id}) SET f.name = row.name
                CREATE (c)-[:HAS_FUNCTIONAL_BRANCH]->(f)""");
        add("functionalGroups", """
                MATCH (f:FunctionalBranch {id: row.functionalBranchId}), (b:GridBranch {id: row.gridBranchId})
                CREATE (g:FunctionalGroup {id: row.id}) SET g.name = row.name
                CREATE (f)-[:HAS_FUNCTIONAL_GROUP]->(g)
                CREATE (g)-[:EMBEDDED_IN]->(b)""");
        add("units", """
                CREATE (u:Unit {id: row.id}) SET u.name = row.name, u.kind = row.kind
                CREATE (o:PartyOrg:UnitPartyOrg {id: row.partyOrgId}) SET o.name = row.partyOrgName
                CREATE (u)-[:HAS_PARTY_ORG]->(o)""");
        add("pairings", """
                MATCH (u:Unit {id: row.unitId}), (c:Community {id: row.communityId})
                CREATE (u)-[p:PAIRED_WITH]->(c)
                SET p.responsibilities = row.responsibilities, p.since = date(row.since)""");
        add("stationings", """
                MATCH (u:Unit {id: row.unitId}), (c:Community {id: row.communityId})
                CREATE (u)-[:STATIONED_IN]->(c)""");
        add("ownersCommittees", """
                MATCH (x:Compound {id: row.compoundId})
                CREATE (o:OwnersCommittee {id: row.id}) SET o.name = row.name
                CREATE (o)-[:OF_COMPOUND]->(x)
                WITH o, row
                CALL (o, row) {
                  WITH o, row WHERE row.partyOrgId IS NOT NULL
                  CREATE (p:PartyOrg {id: row.partyOrgId}) SET p.name = row.partyOrgName
                  CREATE (o)-[:HAS_PARTY_ORG]->(p)
                }""");
        add("propertyCompanies", """
                CREATE (c:PropertyCompany {id: row.id}) SET c.name = row.name
                WITH c, row
                CALL (c, row) {
                  UNWIND row.compoundIds AS compoundId
                  MATCH (x:Compound {id: compoundId})
                  CREATE (c)-[:MANAGES]->(x)
                }
                CALL (c, row) {
                  WITH c, row WHERE row.partyOrgId IS NOT NULL
                  CREATE (p:PartyOrg {id: row.partyOrgId}) SET p.name = row.partyOrgName
                  CREATE (c)-[:HAS_PARTY_ORG]->(p)
                }""");
        add("members", """
                MATCH (u:Unit {id: row.unitId})-[:HAS_PARTY_ORG]->(o:UnitPartyOrg), (home:MicroGrid {id: row.microGridId})
                CREATE (m:Member {id: row.id})
                SET m.name = row.name, m.gender = row.gender, m.birthYear = row.birthYear, m.phone = row.phone,
                    m.occupation = row.occupation, m.interests = row.interests, m.availability = row.availability,
                    m.roles = row.roles
                CREATE (m)-[:WORKS_AT]->(u)
                CREATE (m)-[:MEMBER_OF]->(o)
                CREATE (m)-[:LIVES_IN]->(home)
                WITH m, row
                CALL (m, row) {
                  UNWIND row.skills AS skill
                  MATCH (s:Skill {id: skill.id})
                  CREATE (m)-[h:HAS_SKILL]->(s) SET h.level = skill.level
                }
                CALL (m, row) {
                  UNWIND row.postCategories AS categoryId
                  MATCH (c:PostCategory {id: categoryId})
                  CREATE (m)-[:CHOSE_POST]->(c)
                }""");
        add("registrations", """
                MATCH (m:Member {id: row.memberId}), (c:Community {id: row.communityId}),
                      (home:MicroGrid {id: row.microGridId}), (o:PartyOrg {id: row.partyOrgId})
                CREATE (r:Registration {id: row.id})
                SET r.state = row.state, r.channel = row.channel, r.registeredAt = datetime(row.registeredAt),
                    r.decidedAt = datetime(row.decidedAt), r.activeMemberId = row.memberId,
                    r.reportedAt = datetime(row.registeredAt)
                CREATE (m)-[:REGISTERED]->(r)
                CREATE (r)-[:WITH_COMMUNITY]->(c)
                CREATE (r)-[:FOR_RESIDENCE]->(home)
                CREATE (r)-[:REPORTED_TO]->(o)""");
        add("placements", """
                MATCH (m:Member {id: row.memberId}), (f:FunctionalBranch {id: row.functionalBranchId})
                CREATE (m)-[:IN_FUNCTIONAL_BRANCH]->(f)
                WITH m, row
                CALL (m, row) {
                  WITH m, row WHERE row.functionalGroupId IS NOT NULL
                  MATCH (g:FunctionalGroup {id: row.functionalGroupId})
                  CREATE (m)-[:IN_FUNCTIONAL_GROUP]->(g)
                }""");
        add("secretaries", """
                MATCH (m:Member {id: row.memberId}), (f:FunctionalBranch {id: row.functionalBranchId})
                CREATE (m)-[:SECRETARY_OF]->(f)""");
        add("deputySecretaries", """
                MATCH (m:Member {id: row.memberId}), (b:GridBranch {id: row.gridBranchId})
                CREATE (m)-[:DEPUTY_SECRETARY_OF]->(b)""");
        add("residents", """
                MATCH (home:MicroGrid {id: row.microGridId})
                CREATE (r:Resident {id: row.id}) SET r.name = row.name, r.phone = row.phone
                CREATE (r)-[:LIVES_IN]->(home)""");
        // 四单 history (demo and city scales)
        // a post's codes change daily, derived from a random secret (PostCodes); the row's fixed code is not used
        add("servicePosts", """
                MATCH (c:Community {id: row.communityId}), (k:PostCategory {id: row.categoryId})
                CREATE (c)-[:HAS_POST]->(p:ServicePost {id: row.id})-[:IN_CATEGORY]->(k)
                SET p.name = row.name, p.description = row.description, p.active = true,
                    p.codeSecret = randomUUID() + randomUUID()""");
        add("postHolders", """
                MATCH (p:ServicePost {id: row.postId}), (m:Member {id: row.memberId})
                CREATE (m)-[h:HOLDS_POST]->(p) SET h.since = date(row.since)""");
        add("tasks", """
                MATCH (c:Community {id: row.communityId})
                CREATE (t:Task {id: row.id})-[:OF_COMMUNITY]->(c)
                SET t.title = row.title, t.description = row.description, t.kind = row.kind, t.difficulty = row.difficulty,
                    t.headcount = row.headcount, t.startsAt = datetime(row.startsAt), t.endsAt = datetime(row.endsAt),
                    t.audience = row.audience, t.state = row.state, t.verificationCode = row.code,
                    t.createdAt = datetime(row.createdAt), t.publishedAt = datetime(row.publishedAt),
                    t.cancelReason = row.cancelReason, t.createdBy = 'demo'
                CREATE (t)-[:HAS_EVENT]->(:StateChange {at: t.createdAt, by: 'demo', action: 'CREATE', to: 'DRAFT'})
                WITH t, row
                CALL (t, row) {
                  MATCH (s:Skill {id: row.skillId})
                  CREATE (t)-[:REQUIRES_SKILL]->(s)
                }
                CALL (t, row) {
                  MATCH (k:PostCategory {id: row.categoryId})
                  CREATE (t)-[:IN_CATEGORY]->(k)
                }
                CALL (t, row) {
                  MATCH (p:MicroGrid {id: row.placeId})
                  CREATE (t)-[:AT]->(p)
                }
                CALL (t, row) {
                  MATCH (f:FunctionalBranch {id: row.teamId})
                  CREATE (t)-[:FOR_TEAM]->(f)
                }""");
        add("requests", """
                MATCH (resident:Resident {id: row.residentId}), (c:Community {id: row.communityId}), (p:MicroGrid {id: row.placeId})
                CREATE (r:Request {id: row.id})
                SET r.text = row.text, r.urgency = row.urgency, r.state = row.state, r.submittedAt = datetime(row.submittedAt),
                    r.decidedAt = datetime(row.decidedAt), r.resolvedAt = datetime(row.resolvedAt), r.rejectReason = row.rejectReason
                CREATE (r)-[:POSTED_BY]->(resident), (r)-[:IN_COMMUNITY]->(c), (r)-[:AT]->(p)
                CREATE (r)-[:HAS_EVENT]->(:StateChange {at: r.submittedAt, by: resident.id, action: 'SUBMIT', to: 'SUBMITTED'})
                WITH r, row
                CALL (r, row) {
                  MATCH (k:PostCategory {id: row.categoryId})
                  CREATE (r)-[:IN_CATEGORY]->(k)
                }
                CALL (r, row) {
                  MATCH (t:Task {id: row.taskId})
                  CREATE (r)-[:SERVED_BY]->(t)
                }
                CALL (r, row) {
                  MATCH (d:Request {id: row.duplicateOfId})
                  CREATE (r)-[:DUPLICATE_OF]->(d)
                }""");
        add("teamClaims", """
                MATCH (t:Task {id: row.taskId}), (f:FunctionalBranch {id: row.teamId})
                CREATE (f)-[:MADE]->(tc:TeamClaim {id: row.id})-[:FOR_TASK]->(t)
                SET tc.activeKey = row.taskId + '/' + row.teamId, tc.claimedAt = datetime(row.claimedAt), tc.claimedBy = 'demo'""");
        add("claims", """
                MATCH (t:Task {id: row.taskId}), (m:Member {id: row.memberId})
                CREATE (m)-[:MADE]->(c:Claim {id: row.id})-[:FOR_TASK]->(t)
                SET c.state = row.state, c.source = row.source, c.claimedAt = datetime(row.claimedAt),
                    c.activeKey = row.activeKey, c.claimedBy = CASE row.source WHEN 'ASSIGNED' THEN 'demo-secretary' ELSE row.memberId END
                WITH c, row
                CALL (c, row) {
                  MATCH (tc:TeamClaim {id: row.teamClaimId})
                  CREATE (c)-[:PART_OF]->(tc)
                }""");
        add("serviceRecords", """
                MATCH (c:Claim {id: row.claimId}), (m:Member {id: row.memberId})
                CREATE (m)-[:SERVED]->(sr:ServiceRecord {id: row.id})-[:FOR_CLAIM]->(c)
                SET sr.checkInAt = datetime(row.checkInAt), sr.checkOutAt = datetime(row.checkOutAt), sr.minutes = row.minutes,
                    sr.autoClosed = row.autoClosed, sr.openKey = row.openKey""");
        add("evaluations", """
                MATCH (c:Claim {id: row.claimId})
                CREATE (e:Evaluation {id: row.id})-[:RATES]->(c)
                SET e.raterRole = row.raterRole, e.raterId = row.raterId, e.score = row.score, e.comment = row.comment,
                    e.ratedAt = datetime(row.ratedAt), e.ratedBy = 'demo', e.raterKey = row.claimId + '/' + row.raterRole""");
        add("jointMeetings", """
                MATCH (c:Community {id: row.communityId})
                CREATE (c)-[:HELD]->(m:JointMeeting {id: row.id})
                SET m.title = row.title, m.heldOn = date(row.heldOn), m.quarter = row.quarter, m.recordedBy = 'demo'
                WITH m, row
                CALL (m, row) {
                  UNWIND row.problems AS problem
                  CALL (problem) {
                    OPTIONAL MATCH (u:Unit {id: problem.ownerId})
                    OPTIONAL MATCH (p:PropertyCompany {id: problem.ownerId})
                    OPTIONAL MATCH (c:Community {id: problem.ownerId})
                    RETURN coalesce(u, p, c) AS owner
                  }
                  CREATE (m)-[:RAISED]->(x:MeetingProblem {id: problem.id})-[:OWNED_BY]->(owner)
                  SET x.description = problem.description, x.position = problem.position, x.state = problem.state,
                      x.resolution = problem.resolution, x.raisedAt = datetime({date: m.heldOn}),
                      x.resolvedAt = CASE WHEN problem.state = 'RESOLVED' THEN datetime({date: m.heldOn}) + duration({days: 20}) END
                }""");
        add("negativeEntries", """
                MATCH (m:Member {id: row.memberId}), (c:Community {id: row.communityId})
                CREATE (m)-[:LISTED_IN]->(e:NegativeListEntry {id: row.id})-[:BY_COMMUNITY]->(c)
                SET e.reason = row.reason, e.recordedAt = datetime(row.recordedAt), e.recordedBy = 'demo'""");
    }

    static final List<String> ORDER = List.copyOf(STATEMENTS.keySet());

    private DatasetStatements() {
    }

    /** Every statement answers how many rows it loaded: a row whose references are missing is not counted. */
    private static void add(String name, String body) {
        STATEMENTS.put(name, "UNWIND $rows AS row\n" + body + "\nRETURN count(*) AS loaded");
    }

    static String statement(String name) {
        String statement = STATEMENTS.get(name);
        if (statement == null) {
            throw new IllegalArgumentException("Unknown row set '" + name + "'; known: " + ORDER);
        }
        return statement;
    }
}
