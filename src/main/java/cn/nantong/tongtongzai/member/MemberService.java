package cn.nantong.tongtongzai.member;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.member.MemberRecords.MemberFilter;
import cn.nantong.tongtongzai.member.MemberRecords.RegistrationFilter;
import cn.nantong.tongtongzai.member.MemberRecords.ResidentFilter;
import cn.nantong.tongtongzai.member.MemberRecords.MemberSkill;
import cn.nantong.tongtongzai.platform.graphql.NestedPage;
import cn.nantong.tongtongzai.member.MemberRecords.Pairing;
import cn.nantong.tongtongzai.member.MemberRecords.PartyOrg;
import cn.nantong.tongtongzai.member.MemberRecords.ReportingRate;
import cn.nantong.tongtongzai.member.MemberRecords.UnitFilter;
import cn.nantong.tongtongzai.organization.FunctionalGroup;
import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.graphql.Search;
import cn.nantong.tongtongzai.platform.time.Days;
import cn.nantong.tongtongzai.member.MemberRecords.ListOrder;
import cn.nantong.tongtongzai.member.MemberRecords.OrderField;
import cn.nantong.tongtongzai.platform.neo4j.Values;

/** Reads of members, units and registrations; batch methods answer for many parents in one statement. */
@Service
@Transactional(readOnly = true)
public class MemberService {

    static final String MEMBER = "m {.id, .name, .gender, .birthYear, .phone, .occupation, .interests, .availability, .roles}";
    static final String REGISTRATION = """
            r {.id, .state, .channel, .rejectReason, .endReason, registeredAt: toString(r.registeredAt),
               decidedAt: toString(r.decidedAt), endedAt: toString(r.endedAt), reportedAt: toString(r.reportedAt),
               memberId: COLLECT { MATCH (r)<-[:REGISTERED]-(x:Member) RETURN x.id }[0],
               communityId: COLLECT { MATCH (r)-[:WITH_COMMUNITY]->(x:Community) RETURN x.id }[0],
               residenceId: COLLECT { MATCH (r)-[:FOR_RESIDENCE]->(x:MicroGrid) RETURN x.id }[0],
               reportedToId: COLLECT { MATCH (r)-[:REPORTED_TO]->(x:PartyOrg) RETURN x.id }[0]}""";

    private final Neo4jClient neo4j;

    MemberService(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    public Optional<Member> member(String id) {
        return rows("MATCH (m:Member {id: $id}) RETURN " + MEMBER + " AS member", Map.of("id", id)).stream()
                .findFirst().map(row -> member(row.get("member")));
    }

    public Map<String, Member> members(Collection<String> ids) {
        Map<String, Member> byId = new HashMap<>();
        rows("MATCH (m:Member) WHERE m.id IN $ids RETURN " + MEMBER + " AS member", Map.of("ids", List.copyOf(ids)))
                .forEach(row -> {
                    Member member = member(row.get("member"));
                    byId.put(member.id(), member);
                });
        return byId;
    }

    /**
     * Every member's id, grouped by what others can know of them: the community they live in, gender and birth
     * decade (MemberCohorts, for analysts). Members with no community form no cohort: they are never released.
     */
    public List<List<String>> cohorts() {
        return neo4j.query("""
                MATCH (m:Member)
                OPTIONAL MATCH (m)-[:LIVES_IN]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-
                      (:GridBranch)<-[:HAS_GRID_BRANCH]-(:GeneralBranch)<-[:HAS_GENERAL_BRANCH]-(:CommunityCommittee)
                      <-[:HAS_COMMITTEE]-(c:Community)
                WITH c.id AS community, m.gender AS gender, m.birthYear / 10 AS decade, collect(m.id) AS members
                RETURN CASE WHEN community IS NULL THEN [id IN members | [id]] ELSE [members] END AS cohorts""")
                .fetch().all().stream()
                .flatMap(row -> ((List<?>) row.get("cohorts")).stream())
                .map(cohort -> ((List<?>) cohort).stream().map(String::valueOf).toList())
                .toList();
    }

    private long count(String cypher, Map<String, Object> parameters) {
        return neo4j.query(cypher).bindAll(parameters).fetchAs(Long.class).one().orElse(0L);
    }

    /** Members matching every filter given, in the order asked (by id by default). */
    public List<Member> members(MemberFilter filter, ListOrder order, Page page) {
        Map<String, Object> parameters = new HashMap<>();
        String sort = order == null ? "m.id" : order.direction().orderBy(order.field() == OrderField.NAME ? "m.name" : "m.id", "m.id");
        parameters.put("skip", page.skip());
        parameters.put("limit", page.fetchSize());
        return rows(membersMatching(filter, parameters) + " RETURN " + MEMBER + " AS member ORDER BY " + sort
                + " SKIP $skip LIMIT $limit", parameters).stream().map(row -> member(row.get("member"))).toList();
    }

    /** How many members match every filter given. */
    public long countMembers(MemberFilter filter) {
        Map<String, Object> parameters = new HashMap<>();
        return count(membersMatching(filter, parameters) + " RETURN count(m) AS n", parameters);
    }

    /** MATCH … WHERE of the members matching the filter; the walk starts at the most selective anchor. */
    private static String membersMatching(MemberFilter filter, Map<String, Object> parameters) {
        MemberFilter f = filter != null ? filter : MemberFilter.NONE;
        List<String> conditions = new ArrayList<>();
        String match;
        if (f.functionalGroupId() != null) {
            match = "MATCH (:FunctionalGroup {id: $groupId})<-[:IN_FUNCTIONAL_GROUP]-(m:Member)";
            parameters.put("groupId", f.functionalGroupId());
            if (f.gridId() != null) {
                parameters.put("gridId", f.gridId());
                conditions.add("EXISTS { (m)-[:LIVES_IN]->(:MicroGrid)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-"
                        + "(:GridBranch)-[:SERVES_GRID]->(:Grid {id: $gridId}) }");
            }
            if (f.communityId() != null) {
                conditions.add("EXISTS { (:Community {id: $communityId})-[:HAS_FUNCTIONAL_BRANCH]->(:FunctionalBranch)"
                        + "-[:HAS_FUNCTIONAL_GROUP]->(:FunctionalGroup {id: $groupId}) }");
            }
        } else if (f.gridId() != null) {
            match = "MATCH (:Grid {id: $gridId})<-[:SERVES_GRID]-(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)"
                    + "-[:HAS_MICRO_GRID]->(:MicroGrid)<-[:LIVES_IN]-(m:Member)";
            parameters.put("gridId", f.gridId());
            if (f.communityId() != null) {
                conditions.add("EXISTS { (:Community {id: $communityId})-[:HAS_GRID]->(:Grid {id: $gridId}) }");
            }
        } else if (f.communityId() != null) {
            match = "MATCH (:Community {id: $communityId})-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->"
                    + "(:GeneralBranch)-[:HAS_GRID_BRANCH]->(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)"
                    + "-[:HAS_MICRO_GRID]->(:MicroGrid)<-[:LIVES_IN]-(m:Member)";
        } else if (f.unitId() != null) {
            match = "MATCH (:Unit {id: $unitId})<-[:WORKS_AT]-(m:Member)";
        } else {
            match = "MATCH (m:Member)";
        }
        if (f.communityId() != null) {
            parameters.put("communityId", f.communityId());
        }
        if (f.unitId() != null) {
            parameters.put("unitId", f.unitId());
            conditions.add("EXISTS { (m)-[:WORKS_AT]->(:Unit {id: $unitId}) }");
        }
        if (f.skillId() != null) {
            parameters.put("skillId", f.skillId());
            conditions.add("EXISTS { (m)-[:HAS_SKILL]->(:Skill {id: $skillId}) }");
        }
        if (f.postCategoryId() != null) {
            parameters.put("postCategoryId", f.postCategoryId());
            conditions.add("EXISTS { (m)-[:CHOSE_POST]->(:PostCategory {id: $postCategoryId}) }");
        }
        if (f.registrationState() != null) {
            parameters.put("state", f.registrationState());
            // the latest registration decides: it is the active one whenever there is one
            conditions.add("COLLECT { MATCH (m)-[:REGISTERED]->(r:Registration) RETURN r.state "
                    + "ORDER BY r.registeredAt DESC, r.id DESC LIMIT 1 }[0] = $state");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return Search.start("member_search", "m", f.search(), parameters) + match + where;
    }

    /** Residents by id. */
    public Map<String, Resident> residents(Collection<String> ids) {
        return byKey("""
                UNWIND $ids AS id MATCH (r:Resident {id: id})
                RETURN id, r {.id, .name, .phone, residenceId: COLLECT { MATCH (r)-[:LIVES_IN]->(x:MicroGrid) RETURN x.id }[0]} AS value""",
                ids, value -> {
                    Map<String, Object> r = map(value);
                    return new Resident((String) r.get("id"), (String) r.get("name"), (String) r.get("phone"),
                            (String) r.get("residenceId"));
                });
    }

    public Optional<Registration> registration(String id) {
        return rows("MATCH (r:Registration {id: $id}) RETURN " + REGISTRATION + " AS r", Map.of("id", id)).stream()
                .findFirst().map(row -> registration(row.get("r")));
    }

    /** Registrations by id, in one statement. */
    public Map<String, Registration> registrations(Collection<String> ids) {
        return registrationsBy("id", ids, Registration::id);
    }

    Map<String, Registration> activeRegistrations(Collection<String> memberIds) {
        return registrationsBy("activeMemberId", memberIds, Registration::memberId);
    }

    /** Registrations whose {@code property} is one of {@code values}, by {@code key}. */
    private Map<String, Registration> registrationsBy(String property, Collection<String> values,
            java.util.function.Function<Registration, String> key) {
        Map<String, Registration> byKey = new HashMap<>();
        rows("UNWIND $values AS value MATCH (r:Registration {" + property + ": value}) RETURN " + REGISTRATION + " AS r",
                Map.of("values", List.copyOf(values)))
                .forEach(row -> {
                    Registration registration = registration(row.get("r"));
                    byKey.put(key.apply(registration), registration);
                });
        return byKey;
    }

    /**
     * A community's registration queue: registrations with it (WITH_COMMUNITY, so members who moved in are
     * there before they are confirmed), optionally in one state; pending ones oldest first (first come, first
     * served), any other state newest first.
     */
    public List<Registration> registrationsWithCommunity(RegistrationFilter filter, ListOrder order, Page page) {
        String queue = "PENDING".equals(filter.state()) ? "r.registeredAt, r.id" : "r.registeredAt DESC, r.id DESC";
        String sort = order == null ? queue : order.direction().orderBy(switch (order.field()) {
            case NAME -> "member.name";
            case REGISTERED_AT -> "r.registeredAt";
            default -> "r.id";
        }, "r.id");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("skip", page.skip());
        parameters.put("limit", page.fetchSize());
        return rows(registrationsMatching(filter, parameters) + " RETURN %s AS r ORDER BY %s SKIP $skip LIMIT $limit"
                .formatted(REGISTRATION, sort), parameters).stream().map(row -> registration(row.get("r"))).toList();
    }

    public long countRegistrationsWithCommunity(RegistrationFilter filter) {
        Map<String, Object> parameters = new HashMap<>();
        return count(registrationsMatching(filter, parameters) + " RETURN count(r) AS n", parameters);
    }

    /** A registration's member is searched by name: the index finds members, the walk their registrations here. */
    private static String registrationsMatching(RegistrationFilter filter, Map<String, Object> parameters) {
        parameters.put("communityId", filter.communityId() == null ? "" : filter.communityId());
        parameters.put("state", filter.state());
        List<String> conditions = new ArrayList<>(List.of("($state IS NULL OR r.state = $state)"));
        conditions.addAll(Days.within("r.registeredAt", "registered", filter.from(), filter.to(), parameters));
        return Search.start("member_search", "member", filter.search(), parameters)
                + "MATCH (:Community {id: $communityId})<-[:WITH_COMMUNITY]-(r:Registration)<-[:REGISTERED]-(member:Member)"
                + " WHERE " + String.join(" AND ", conditions);
    }

    /** Residents of a building, a grid or a community (every filter given), by building then id unless asked. */
    public List<Resident> residents(ResidentFilter filter, ListOrder order, Page page) {
        String sort = order == null ? "mg.id, x.id" : order.direction().orderBy(switch (order.field()) {
            case NAME -> "x.name";
            case BUILDING -> "mg.id";
            default -> "x.id";
        }, "x.id");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("skip", page.skip());
        parameters.put("limit", page.fetchSize());
        return rows(residentsMatching(filter, parameters) + " RETURN x {.id, .name, .phone, residenceId: mg.id} AS value"
                + " ORDER BY " + sort + " SKIP $skip LIMIT $limit", parameters).stream()
                .map(row -> {
                    Map<String, Object> r = map(row.get("value"));
                    return new Resident((String) r.get("id"), (String) r.get("name"), (String) r.get("phone"),
                            (String) r.get("residenceId"));
                }).toList();
    }

    public long countResidents(ResidentFilter filter) {
        Map<String, Object> parameters = new HashMap<>();
        return count(residentsMatching(filter, parameters) + " RETURN count(x) AS n", parameters);
    }

    private static String residentsMatching(ResidentFilter filter, Map<String, Object> parameters) {
        ResidentFilter f = filter != null ? filter : new ResidentFilter(null, null, null, null);
        List<String> conditions = new ArrayList<>();
        String match = "MATCH (mg:MicroGrid)<-[:LIVES_IN]-(x:Resident)";
        String gridPath = "(:Grid {id: $gridId})<-[:SERVES_GRID]-(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)"
                + "-[:HAS_MICRO_GRID]->";
        if (f.buildingId() != null) {
            match = "MATCH (mg:MicroGrid {id: $buildingId})<-[:LIVES_IN]-(x:Resident)";
            parameters.put("buildingId", f.buildingId());
            if (f.gridId() != null) {
                conditions.add("EXISTS { " + gridPath + "(mg) }");
            }
        } else if (f.gridId() != null) {
            match = "MATCH " + gridPath + "(mg:MicroGrid)<-[:LIVES_IN]-(x:Resident)";
        }
        if (f.gridId() != null) {
            parameters.put("gridId", f.gridId());
        }
        if (f.communityId() != null) {
            parameters.put("communityId", f.communityId());
            conditions.add("EXISTS { (:Community {id: $communityId})-[:HAS_GRID]->(:Grid)<-[:SERVES_GRID]-(:GridBranch)"
                    + "-[:HAS_PARTY_GROUP]->(:PartyGroup)-[:HAS_MICRO_GRID]->(mg) }");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return Search.start("resident_search", "x", f.search(), parameters) + match + where;
    }

    /** The eight post categories (岗位类别), by id. */
    public List<PostCategory> postCategories() {
        return rows("MATCH (c:PostCategory) RETURN c {.id, .name} AS c ORDER BY c.id", Map.of()).stream()
                .map(row -> postCategory(map(row.get("c")))).toList();
    }

    /** Registration history pages of many members, newest first: one statement for all. */
    Map<NestedPage, List<Registration>> registrationsOfMembers(Collection<NestedPage> pages) {
        return nested(pages, """
                MATCH (:Member {id: key.parentId})-[:REGISTERED]->(r:Registration)
                WITH r ORDER BY r.registeredAt DESC, r.id DESC
                RETURN collect(%s) AS all""".formatted(REGISTRATION), MemberService::registration);
    }

    /** Report-back pages of many units: their members' registrations, optionally in one state, newest first. */
    Map<NestedPage, List<Registration>> registrationsReportedTo(Collection<NestedPage> pages) {
        return nested(pages, """
                MATCH (:Unit {id: key.parentId})-[:HAS_PARTY_ORG]->(:UnitPartyOrg)<-[:REPORTED_TO]-(r:Registration)
                WHERE key.argument IS NULL OR r.state = key.argument
                WITH r ORDER BY r.registeredAt DESC, r.id DESC
                RETURN collect(%s) AS all""".formatted(REGISTRATION), MemberService::registration);
    }

    /** Roster pages of many units, optionally only members living in one community, by member id. */
    Map<NestedPage, List<Member>> membersOfUnits(Collection<NestedPage> pages) {
        return nested(pages, """
                MATCH (:Unit {id: key.parentId})<-[:WORKS_AT]-(m:Member)
                WHERE key.argument IS NULL OR EXISTS {
                  (:Community {id: key.argument})-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)
                    -[:HAS_GRID_BRANCH]->(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)-[:HAS_MICRO_GRID]->(:MicroGrid)<-[:LIVES_IN]-(m) }
                WITH m ORDER BY m.id
                RETURN collect(%s) AS all""".formatted(MEMBER), MemberService::member);
    }

    private <T> Map<NestedPage, List<T>> nested(Collection<NestedPage> pages, String perParent,
            java.util.function.Function<Object, T> mapper) {
        return NestedPage.load(neo4j, pages, perParent, mapper);
    }

    /** Units by id, for other features that name a unit (e.g. the unit that sent feedback). */
    public Map<String, Unit> units(Collection<String> ids) {
        return byKey("UNWIND $ids AS id MATCH (u:Unit {id: id}) RETURN id, u {.id, .name, .kind} AS value", ids,
                MemberService::unit);
    }

    Map<String, Unit> unitsOfMembers(Collection<String> memberIds) {
        return byKey("UNWIND $ids AS id MATCH (:Member {id: id})-[:WORKS_AT]->(u:Unit) RETURN id, u {.id, .name, .kind} AS value",
                memberIds, MemberService::unit);
    }

    Map<String, PartyOrg> partyOrgsOfMembers(Collection<String> memberIds) {
        return byKey("UNWIND $ids AS id MATCH (:Member {id: id})-[:MEMBER_OF]->(o:PartyOrg) RETURN id, o {.id, .name} AS value",
                memberIds, MemberService::partyOrg);
    }

    Map<String, String> residencesOfMembers(Collection<String> memberIds) {
        return byKey("UNWIND $ids AS id MATCH (:Member {id: id})-[:LIVES_IN]->(h:MicroGrid) RETURN id, h.id AS value",
                memberIds, value -> (String) value);
    }

    Map<String, List<MemberSkill>> skillsOfMembers(Collection<String> memberIds) {
        return byKey("""
                UNWIND $ids AS id
                MATCH (m:Member {id: id})
                RETURN id, COLLECT { MATCH (m)-[h:HAS_SKILL]->(s:Skill)
                                     RETURN {id: s.id, name: s.name, level: h.level, source: coalesce(h.source, 'DECLARED'),
                                             because: h.because,
                                             categoryId: COLLECT { MATCH (s)-[:SERVES]->(c) RETURN c.id }[0]} AS skill
                                     ORDER BY skill.id } AS value""",
                memberIds, value -> maps(value).stream().map(s -> new MemberSkill(
                        new Skill((String) s.get("id"), (String) s.get("name"), (String) s.get("categoryId")),
                        ((Number) s.get("level")).intValue(), (String) s.get("source"), (String) s.get("because"))).toList());
    }

    Map<String, List<PostCategory>> postCategoriesOfMembers(Collection<String> memberIds) {
        return byKey("""
                UNWIND $ids AS id
                MATCH (m:Member {id: id})
                RETURN id, COLLECT { MATCH (m)-[:CHOSE_POST]->(c:PostCategory) RETURN c {.id, .name} AS c ORDER BY c.id } AS value""",
                memberIds, value -> maps(value).stream().map(MemberService::postCategory).toList());
    }

    Map<String, FunctionalGroup> functionalGroupsOfMembers(Collection<String> memberIds) {
        return byKey("""
                UNWIND $ids AS id
                MATCH (:Member {id: id})-[:IN_FUNCTIONAL_GROUP]->(g:FunctionalGroup)-[:EMBEDDED_IN]->(b:GridBranch),
                      (f:FunctionalBranch)-[:HAS_FUNCTIONAL_GROUP]->(g)
                RETURN id, {id: g.id, name: g.name, branchId: f.id, gridBranchId: b.id} AS value""",
                memberIds, value -> {
                    Map<String, Object> g = map(value);
                    return new FunctionalGroup((String) g.get("id"), (String) g.get("name"), (String) g.get("branchId"),
                            (String) g.get("gridBranchId"));
                });
    }

    /** Skills by id (the reference data of V003). */
    /** Every skill of the reference list, by category then name. */
    public List<Skill> allSkills() {
        return List.copyOf(neo4j.query("""
                MATCH (s:Skill)
                WITH s, COLLECT { MATCH (s)-[:SERVES]->(c:PostCategory) RETURN c.id }[0] AS categoryId
                RETURN s.id AS id, s.name AS name, categoryId ORDER BY categoryId, name""")
                .fetchAs(Skill.class).mappedBy((types, row) -> new Skill(row.get("id").asString(), row.get("name").asString(),
                        row.get("categoryId").isNull() ? null : row.get("categoryId").asString()))
                .all());
    }

    public Map<String, Skill> skills(Collection<String> ids) {
        return byKey("UNWIND $ids AS id MATCH (s:Skill {id: id}) RETURN id, s {.id, .name, categoryId: COLLECT { MATCH (s)-[:SERVES]->(c:PostCategory) RETURN c.id }[0]} AS value",
                ids, value -> {
                    Map<String, Object> s = map(value);
                    return new Skill((String) s.get("id"), (String) s.get("name"), (String) s.get("categoryId"));
                });
    }

    public Map<String, PostCategory> categoriesOfSkills(Collection<String> categoryIds) {
        return byKey("UNWIND $ids AS id MATCH (c:PostCategory {id: id}) RETURN id, c {.id, .name} AS value",
                categoryIds, value -> postCategory(map(value)));
    }

    Map<String, PartyOrg> partyOrgs(Collection<String> ids) {
        return byKey("UNWIND $ids AS id MATCH (o:PartyOrg {id: id}) RETURN id, o {.id, .name} AS value", ids,
                MemberService::partyOrg);
    }

    /** 第一书记 of functional branches, by branch id. */
    Map<String, Member> secretaries(Collection<String> functionalBranchIds) {
        return byKey("UNWIND $ids AS id MATCH (:FunctionalBranch {id: id})<-[:SECRETARY_OF]-(m:Member) RETURN id, "
                + MEMBER + " AS value", functionalBranchIds, MemberService::member);
    }

    /** 副书记 of grid branches, by grid branch id. */
    Map<String, Member> deputySecretaries(Collection<String> gridBranchIds) {
        return byKey("UNWIND $ids AS id MATCH (:GridBranch {id: id})<-[:DEPUTY_SECRETARY_OF]-(m:Member) RETURN id, "
                + MEMBER + " AS value", gridBranchIds, MemberService::member);
    }

    // Units

    public Optional<Unit> unit(String id) {
        return rows("MATCH (u:Unit {id: $id}) RETURN u {.id, .name, .kind} AS unit", Map.of("id", id)).stream()
                .findFirst().map(row -> unit(row.get("unit")));
    }

    List<Unit> units(UnitFilter filter, ListOrder order, Page page) {
        String sort = order == null ? "u.id" : order.direction().orderBy(order.field() == OrderField.NAME ? "u.name" : "u.id", "u.id");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("skip", page.skip());
        parameters.put("limit", page.fetchSize());
        return rows(unitsMatching(filter, parameters) + " RETURN u {.id, .name, .kind} AS unit ORDER BY " + sort
                + " SKIP $skip LIMIT $limit", parameters).stream().map(row -> unit(row.get("unit"))).toList();
    }

    long countUnits(UnitFilter filter) {
        Map<String, Object> parameters = new HashMap<>();
        return count(unitsMatching(filter, parameters) + " RETURN count(u) AS n", parameters);
    }

    private static String unitsMatching(UnitFilter filter, Map<String, Object> parameters) {
        parameters.put("kind", filter != null ? filter.kind() : null);
        parameters.put("communityId", filter != null ? filter.communityId() : null);
        return Search.start("unit_search", "u", filter != null ? filter.search() : null, parameters) + """
                MATCH (u:Unit)
                WHERE ($kind IS NULL OR u.kind = $kind)
                  AND ($communityId IS NULL OR EXISTS { (u)-[:PAIRED_WITH|STATIONED_IN]->(:Community {id: $communityId}) })""";
    }

    Map<String, PartyOrg> partyOrgsOfUnits(Collection<String> unitIds) {
        return byKey("UNWIND $ids AS id MATCH (:Unit {id: id})-[:HAS_PARTY_ORG]->(o:PartyOrg) RETURN id, o {.id, .name} AS value",
                unitIds, MemberService::partyOrg);
    }

    Map<String, List<Pairing>> pairingsOfUnits(Collection<String> unitIds) {
        return byKey("""
                UNWIND $ids AS id
                MATCH (u:Unit {id: id})
                RETURN id, COLLECT { MATCH (u)-[p:PAIRED_WITH]->(c:Community)
                                     RETURN {communityId: c.id, responsibilities: p.responsibilities, since: toString(p.since)} AS p
                                     ORDER BY p.communityId } AS value""",
                unitIds, value -> maps(value).stream().map(p -> new Pairing((String) p.get("communityId"),
                        strings(p.get("responsibilities")), Values.day(p, "since"))).toList());
    }

    Map<String, List<String>> stationedInOfUnits(Collection<String> unitIds) {
        return byKey("""
                UNWIND $ids AS id
                MATCH (u:Unit {id: id})
                RETURN id, COLLECT { MATCH (u)-[:STATIONED_IN]->(c:Community) RETURN c.id AS c ORDER BY c } AS value""",
                unitIds, MemberService::strings);
    }

    /** 报到率: members on the unit's roster (its party organisation) with a confirmed registration. */
    Map<String, ReportingRate> reportingRates(Collection<String> unitIds) {
        return byKey("""
                UNWIND $ids AS id
                MATCH (:Unit {id: id})-[:HAS_PARTY_ORG]->(o:UnitPartyOrg)
                WITH id, COUNT { (o)<-[:MEMBER_OF]-(:Member) } AS onRoster,
                     COUNT { (o)<-[:MEMBER_OF]-(m:Member) WHERE EXISTS { (m)-[:REGISTERED]->(:Registration {state: 'CONFIRMED'}) } } AS registered
                RETURN id, {onRoster: onRoster, registered: registered} AS value""",
                unitIds, value -> {
                    Map<String, Object> rate = map(value);
                    int onRoster = ((Number) rate.get("onRoster")).intValue();
                    int registered = ((Number) rate.get("registered")).intValue();
                    return new ReportingRate(onRoster, registered, onRoster == 0 ? 0 : (double) registered / onRoster);
                });
    }

    private <V> Map<String, V> byKey(String cypher, Collection<String> ids, java.util.function.Function<Object, V> value) {
        Map<String, V> result = new LinkedHashMap<>();
        rows(cypher, Map.of("ids", ids.stream().distinct().toList()))
                .forEach(row -> result.put((String) row.get("id"), value.apply(row.get("value"))));
        return result;
    }

    private Collection<Map<String, Object>> rows(String cypher, Map<String, Object> parameters) {
        return neo4j.query(cypher).bindAll(parameters).fetch().all();
    }

    static Member member(Object value) {
        Map<String, Object> m = map(value);
        return new Member((String) m.get("id"), (String) m.get("name"), (String) m.get("gender"),
                ((Number) m.get("birthYear")).intValue(), (String) m.get("phone"), (String) m.get("occupation"),
                strings(m.get("interests")),
                strings(m.get("availability")), strings(m.get("roles")));
    }

    static Registration registration(Object value) {
        Map<String, Object> r = map(value);
        return new Registration((String) r.get("id"), (String) r.get("state"), (String) r.get("channel"),
                (String) r.get("memberId"), (String) r.get("communityId"), (String) r.get("residenceId"),
                Values.time(r, "registeredAt"), Values.time(r, "decidedAt"), (String) r.get("rejectReason"),
                Values.time(r, "endedAt"), (String) r.get("endReason"), (String) r.get("reportedToId"),
                Values.time(r, "reportedAt"));
    }

    private static Unit unit(Object value) {
        Map<String, Object> u = map(value);
        return new Unit((String) u.get("id"), (String) u.get("name"), (String) u.get("kind"));
    }

    private static PartyOrg partyOrg(Object value) {
        Map<String, Object> o = map(value);
        return new PartyOrg((String) o.get("id"), (String) o.get("name"));
    }

    private static PostCategory postCategory(Map<String, Object> c) {
        return new PostCategory((String) c.get("id"), (String) c.get("name"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
