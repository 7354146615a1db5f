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
                    m.interests = row.interests, m.availability = row.availability, m.roles = row.roles
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
