package cn.nantong.tongtongzai.platform.security;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.RoutingControl;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/**
 * Finds the {@link Place} of an id of a given kind: one read per kind and batch of ids. Each statement ends
 * with the same columns; the streets come from the communities found.
 */
@Component
public class Places {

    /** From a micro-grid {@code mg} up to its grid branch {@code gb} and community {@code c}. */
    private static final String UP_FROM_MICRO_GRID = """
            (c:Community)-[:HAS_COMMITTEE|HAS_GENERAL_BRANCH|HAS_GRID_BRANCH*2..3]->(gb:GridBranch)\
            -[:HAS_PARTY_GROUP]->(:PartyGroup)-[:HAS_MICRO_GRID]->""";

    /**
     * The residents a task {@code t} serves, who see it and rate it: those whose requests it took (merged
     * duplicates too) and those living in the building where it is done.
     */
    private static final String SERVED_RESIDENTS = """
            COLLECT { MATCH (t)<-[:SERVED_BY]-(:Request)-[:POSTED_BY]->(x:Resident) RETURN x.id
                      UNION MATCH (t)<-[:SERVED_BY]-(:Request)<-[:DUPLICATE_OF]-(:Request)-[:POSTED_BY]->(x:Resident) RETURN x.id
                      UNION MATCH (t)-[:AT]->(:MicroGrid)<-[:LIVES_IN]-(x:Resident) RETURN x.id }""";

    /** The teams a task {@code t} was offered to: functional branches and groups, and the groups of those branches. */
    private static final String OFFERED_TO = """
            COLLECT { MATCH (t)-[:FOR_TEAM]->(x) RETURN x.id
                      UNION MATCH (t)-[:FOR_TEAM]->(:FunctionalBranch)-[:HAS_FUNCTIONAL_GROUP]->(x) RETURN x.id }""";

    private static final String TAIL = """

            CALL (via) {
              UNWIND via AS cid
              OPTIONAL MATCH (s:Street)-[:HAS_COMMUNITY]->(:Community {id: cid})
              RETURN collect(DISTINCT s.id) AS viaStreets
            }
            RETURN id, streets0 + viaStreets AS streets, communities, grids, groups, units, members, residents, openTo""";

    private static final Map<Kind, String> STATEMENTS = new EnumMap<>(Kind.class);

    static {
        STATEMENTS.put(Kind.STREET, """
                UNWIND $ids AS id
                MATCH (:Street {id: id})
                WITH id, [id] AS streets0, [] AS via, [] AS communities, [] AS grids, [] AS groups, [] AS units,
                     [] AS members, [] AS residents, [] AS openTo""");
        STATEMENTS.put(Kind.COMMUNITY, """
                UNWIND $ids AS id
                MATCH (:Community {id: id})
                WITH id, [] AS streets0, [id] AS via, [id] AS communities, [] AS grids, [] AS groups, [] AS units,
                     [] AS members, [] AS residents, [id] AS openTo""");
        String orgNode = """
                UNWIND $ids AS id
                CALL (id) {
                  MATCH (n:Street {id: id}) RETURN n UNION
                  MATCH (n:Community {id: id}) RETURN n UNION
                  MATCH (n:CommunityCommittee {id: id}) RETURN n UNION
                  MATCH (n:GeneralBranch {id: id}) RETURN n UNION
                  MATCH (n:GridBranch {id: id}) RETURN n UNION
                  MATCH (n:PartyGroup {id: id}) RETURN n UNION
                  MATCH (n:MicroGrid {id: id}) RETURN n UNION
                  MATCH (n:Grid {id: id}) RETURN n UNION
                  MATCH (n:Compound {id: id}) RETURN n UNION
                  MATCH (n:FunctionalBranch {id: id}) RETURN n UNION
                  MATCH (n:FunctionalGroup {id: id}) RETURN n
                }
                OPTIONAL MATCH (c:Community)-[:HAS_COMMITTEE|HAS_GENERAL_BRANCH|HAS_GRID_BRANCH|HAS_PARTY_GROUP|\
                HAS_MICRO_GRID|HAS_GRID|HAS_COMPOUND|HAS_FUNCTIONAL_BRANCH|HAS_FUNCTIONAL_GROUP*0..5]->(n)
                OPTIONAL MATCH (gb:GridBranch)-[:HAS_PARTY_GROUP|HAS_MICRO_GRID*0..2]->(n)
                  WHERE n:GridBranch OR n:PartyGroup OR n:MicroGrid
                OPTIONAL MATCH (gb)-[:SERVES_GRID]->(g:Grid)
                WITH id, n, collect(DISTINCT c.id) AS found, collect(DISTINCT g.id) AS grids
                WITH id, CASE WHEN n:Street THEN [id] ELSE [] END AS streets0, found AS via,
                     CASE WHEN %s THEN [] ELSE found END AS communities,
                     grids + CASE WHEN n:Grid THEN [id] ELSE [] END AS grids,
                     CASE WHEN n:FunctionalGroup THEN [id] ELSE [] END AS groups,
                     [] AS units, [] AS members, [] AS residents, [] AS openTo""";
        STATEMENTS.put(Kind.ORG_NODE, orgNode.formatted("false"));
        // a street or community itself belongs to the street above it, not to its own secretary
        STATEMENTS.put(Kind.TREE_NODE, orgNode.formatted("n:Street OR n:Community"));
        STATEMENTS.put(Kind.MEMBER, memberPlace("MATCH (m:Member {id: id})"));
        // an interview is about its member: whoever reaches the member reaches it
        STATEMENTS.put(Kind.INTERVIEW, memberPlace("MATCH (m:Member)-[:HAD_INTERVIEW]->(:Interview {id: id})"));
        STATEMENTS.put(Kind.RESIDENT, """
                UNWIND $ids AS id
                MATCH (x:Resident {id: id})
                OPTIONAL MATCH (x)-[:LIVES_IN]->(mg:MicroGrid)
                OPTIONAL MATCH %s(mg)
                OPTIONAL MATCH (gb)-[:SERVES_GRID]->(g:Grid)
                WITH id, collect(DISTINCT c.id) AS found, collect(DISTINCT g.id) AS grids
                WITH id, [] AS streets0, found AS via, found AS communities, grids, [] AS groups, [] AS units,
                     [] AS members, [id] AS residents, [] AS openTo""".formatted(UP_FROM_MICRO_GRID));
        STATEMENTS.put(Kind.REGISTRATION, """
                UNWIND $ids AS id
                MATCH (m:Member)-[:REGISTERED]->(:Registration {id: id})-[:WITH_COMMUNITY]->(c:Community)
                OPTIONAL MATCH (m)-[:WORKS_AT]->(u:Unit)
                WITH id, [] AS streets0, [c.id] AS via, [c.id] AS communities, [] AS grids, [] AS groups,
                     collect(DISTINCT u.id) AS units, [m.id] AS members, [] AS residents, [] AS openTo""");
        // a unit is its own party secretary's business (and the city's): pairing with a community or being
        // stationed in it gives that community's secretaries nothing about the unit's members
        STATEMENTS.put(Kind.UNIT, """
                UNWIND $ids AS id
                MATCH (:Unit {id: id})
                WITH id, [] AS streets0, [] AS via, [] AS communities, [] AS grids, [] AS groups, [id] AS units,
                     [] AS members, [] AS residents, [] AS openTo""");
        STATEMENTS.put(Kind.PARTY_ORG, """
                UNWIND $ids AS id
                MATCH (o:PartyOrg {id: id})
                OPTIONAL MATCH (u:Unit)-[:HAS_PARTY_ORG]->(o)
                OPTIONAL MATCH (x)-[:HAS_PARTY_ORG]->(o) WHERE x:OwnersCommittee OR x:PropertyCompany
                OPTIONAL MATCH (x)-[:OF_COMPOUND|MANAGES]->(:Compound)<-[:HAS_COMPOUND]-(c:Community)
                WITH id, collect(DISTINCT c.id) AS found, collect(DISTINCT u.id) AS units
                WITH id, [] AS streets0, found AS via, found AS communities, [] AS grids, [] AS groups, units,
                     [] AS members, [] AS residents, [] AS openTo""");
        for (var entry : Map.of(Kind.OWNERS_COMMITTEE, "OwnersCommittee", Kind.PROPERTY_COMPANY, "PropertyCompany").entrySet()) {
            STATEMENTS.put(entry.getKey(), """
                    UNWIND $ids AS id
                    MATCH (x:%s {id: id})
                    OPTIONAL MATCH (x)-[:OF_COMPOUND|MANAGES]->(:Compound)<-[:HAS_COMPOUND]-(c:Community)
                    WITH id, collect(DISTINCT c.id) AS found
                    WITH id, [] AS streets0, found AS via, found AS communities, [] AS grids, [] AS groups, [] AS units,
                         [] AS members, [] AS residents, [] AS openTo""".formatted(entry.getValue()));
        }
        STATEMENTS.put(Kind.REQUEST, """
                UNWIND $ids AS id
                MATCH (q:Request {id: id})-[:IN_COMMUNITY]->(c:Community)
                OPTIONAL MATCH (q)-[:POSTED_BY]->(x:Resident)
                OPTIONAL MATCH (q)-[:AT]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)\
                -[:SERVES_GRID]->(g:Grid)
                WITH id, [] AS streets0, [c.id] AS via, [c.id] AS communities, collect(DISTINCT g.id) AS grids,
                     [] AS groups, [] AS units, [] AS members, collect(DISTINCT x.id) AS residents, [] AS openTo""");
        STATEMENTS.put(Kind.TASK, """
                UNWIND $ids AS id
                MATCH (t:Task {id: id})-[:OF_COMMUNITY]->(c:Community)
                OPTIONAL MATCH (t)-[:AT]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)\
                -[:SERVES_GRID]->(g:Grid)
                OPTIONAL MATCH (m:Member)-[:MADE]->(:Claim)-[:FOR_TASK]->(t)
                WITH id, t, c, collect(DISTINCT g.id) AS grids, collect(DISTINCT m.id) AS members
                WITH id, [] AS streets0, [c.id] AS via, [c.id] AS communities, grids,
                     CASE WHEN t.state = 'DRAFT' THEN [] ELSE %s END AS groups, [] AS units, members, %s AS residents,
                     CASE WHEN t.state = 'DRAFT' THEN [] ELSE [c.id] END AS openTo""".formatted(OFFERED_TO, SERVED_RESIDENTS));
        STATEMENTS.put(Kind.CLAIM, """
                UNWIND $ids AS id
                MATCH (cl:Claim {id: id})-[:FOR_TASK]->(t:Task)-[:OF_COMMUNITY]->(c:Community)
                OPTIONAL MATCH (m:Member)-[:MADE]->(cl)
                OPTIONAL MATCH (t)-[:AT]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)\
                -[:SERVES_GRID]->(g:Grid)
                WITH id, t, c, collect(DISTINCT g.id) AS grids, collect(DISTINCT m.id) AS members
                WITH id, [] AS streets0, [c.id] AS via, [c.id] AS communities, grids,
                     CASE WHEN t.state = 'DRAFT' THEN [] ELSE %s END AS groups, [] AS units, members, %s AS residents,
                     [] AS openTo""".formatted(OFFERED_TO, SERVED_RESIDENTS));
        // a team that came from another community as support (下沉一线支援) is also its own community's business:
        // its members confirm there and its secretaries follow it
        STATEMENTS.put(Kind.TEAM_CLAIM, """
                UNWIND $ids AS id
                MATCH (tc:TeamClaim {id: id})-[:FOR_TASK]->(t:Task)-[:OF_COMMUNITY]->(c:Community)
                OPTIONAL MATCH (team)-[:MADE]->(tc)
                OPTIONAL MATCH (tc)-[:SUPPORT_FROM]->(home:Community)
                WITH id, c, collect(DISTINCT team.id) AS groups, [c.id] + collect(DISTINCT home.id) AS found
                WITH id, [] AS streets0, found AS via, found AS communities, [] AS grids,
                     groups, [] AS units, [] AS members, [] AS residents,
                     found AS openTo""");
        STATEMENTS.put(Kind.SERVICE_RECORD, """
                UNWIND $ids AS id
                MATCH (sr:ServiceRecord {id: id})
                OPTIONAL MATCH (sr)-[:FOR_CLAIM]->(:Claim)-[:FOR_TASK]->(:Task)-[:OF_COMMUNITY]->(c1:Community)
                OPTIONAL MATCH (sr)-[:AT_POST]->(:ServicePost)<-[:HAS_POST]-(c2:Community)
                OPTIONAL MATCH (m:Member)-[:SERVED]->(sr)
                WITH id, collect(DISTINCT c1.id) + collect(DISTINCT c2.id) AS found, collect(DISTINCT m.id) AS members
                WITH id, [] AS streets0, found AS via, found AS communities, [] AS grids, [] AS groups, [] AS units,
                     members, [] AS residents, [] AS openTo""");
        STATEMENTS.put(Kind.SERVICE_POST, """
                UNWIND $ids AS id
                MATCH (c:Community)-[:HAS_POST]->(:ServicePost {id: id})
                WITH id, [] AS streets0, [c.id] AS via, [c.id] AS communities, [] AS grids, [] AS groups, [] AS units,
                     [] AS members, [] AS residents, [c.id] AS openTo""");
        STATEMENTS.put(Kind.JOINT_MEETING, """
                UNWIND $ids AS id
                MATCH (c:Community)-[:HELD]->(:JointMeeting {id: id})
                WITH id, [] AS streets0, [c.id] AS via, [c.id] AS communities, [] AS grids, [] AS groups, [] AS units,
                     [] AS members, [] AS residents, [] AS openTo""");
        STATEMENTS.put(Kind.MEETING_PROBLEM, """
                UNWIND $ids AS id
                MATCH (c:Community)-[:HELD]->(:JointMeeting)-[:RAISED]->(:MeetingProblem {id: id})
                WITH id, [] AS streets0, [c.id] AS via, [c.id] AS communities, [] AS grids, [] AS groups, [] AS units,
                     [] AS members, [] AS residents, [] AS openTo""");
        STATEMENTS.put(Kind.NEGATIVE_ENTRY, """
                UNWIND $ids AS id
                MATCH (m:Member)-[:LISTED_IN]->(:NegativeListEntry {id: id})-[:BY_COMMUNITY]->(c:Community)
                WITH id, [] AS streets0, [c.id] AS via, [c.id] AS communities, [] AS grids, [] AS groups, [] AS units,
                     [m.id] AS members, [] AS residents, [] AS openTo""");
    }

    /** Where a member {@code m} lies: home, registration, functional group, unit. */
    private static String memberPlace(String match) {
        return """
                UNWIND $ids AS id
                %s
                OPTIONAL MATCH (m)-[:LIVES_IN]->(mg:MicroGrid)
                OPTIONAL MATCH %s(mg)
                OPTIONAL MATCH (gb)-[:SERVES_GRID]->(g:Grid)
                OPTIONAL MATCH (m)-[:REGISTERED]->(:Registration {activeMemberId: m.id})-[:WITH_COMMUNITY]->(rc:Community)
                OPTIONAL MATCH (m)-[:IN_FUNCTIONAL_GROUP]->(fg:FunctionalGroup)
                OPTIONAL MATCH (m)-[:WORKS_AT]->(u:Unit)
                WITH id, m, collect(DISTINCT c.id) + collect(DISTINCT rc.id) AS found, collect(DISTINCT g.id) AS grids,
                     collect(DISTINCT fg.id) AS groups, collect(DISTINCT u.id) AS units
                WITH id, [] AS streets0, found AS via, found AS communities, grids, groups, units, [m.id] AS members,
                     [] AS residents, [] AS openTo""".formatted(match, UP_FROM_MICRO_GRID);
    }

    private final Driver driver;
    private final Map<Kind, PlaceRedirect> redirects = new EnumMap<>(Kind.class);

    Places(Driver driver, List<PlaceRedirect> redirects) {
        this.driver = driver;
        redirects.forEach(r -> this.redirects.put(r.kind(), r));
    }

    /** The place of one id; {@link Place#NOWHERE} when nothing of that kind has the id. */
    public Place of(Kind kind, String id) {
        return of(kind, List.of(id)).getOrDefault(id, Place.NOWHERE);
    }

    /** Places by id; ids that name nothing are absent. */
    public Map<String, Place> of(Kind kind, List<String> ids) {
        Map<String, Place> places = new HashMap<>();
        if (ids.isEmpty()) {
            return places;
        }
        PlaceRedirect redirect = redirects.get(kind);
        if (redirect != null) {
            for (String id : ids) {
                redirect.redirect(id).ifPresent(target -> {
                    Place place = of(target.kind(), target.id());
                    if (place != Place.NOWHERE) {
                        places.put(id, place);
                    }
                });
            }
            return places;
        }
        String statement = STATEMENTS.get(kind);
        if (statement == null) {
            throw new IllegalStateException("No place statement for " + kind);
        }
        List<Record> records = driver.executableQuery(statement + TAIL).withParameters(Map.of("ids", ids))
                .withConfig(org.neo4j.driver.QueryConfig.builder().withRouting(RoutingControl.READ).build())
                .execute().records();
        for (Record r : records) {
            places.put(r.get("id").asString(), Place.of(strings(r.get("streets")), strings(r.get("communities")),
                    strings(r.get("grids")), strings(r.get("groups")), strings(r.get("units")), strings(r.get("members")),
                    strings(r.get("residents")), strings(r.get("openTo"))));
        }
        return places;
    }

    private static List<String> strings(Value value) {
        return value.asList(v -> v.isNull() ? null : v.asString()).stream().filter(java.util.Objects::nonNull).toList();
    }
}
