package cn.nantong.tongtongzai.organization;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** One figure of a community's dashboard: its GraphQL field and how Cypher counts it for community {@code c}. */
enum CommunityCount {

    GENERAL_BRANCHES("generalBranches", "(c)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(x:GeneralBranch)"),
    GRIDS("grids", "(c)-[:HAS_GRID]->(x:Grid)"),
    GRID_BRANCHES("gridBranches", "(c)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)"
            + "-[:HAS_GRID_BRANCH]->(x:GridBranch)"),
    PARTY_GROUPS("partyGroups", "(c)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)"
            + "-[:HAS_GRID_BRANCH]->(:GridBranch)-[:HAS_PARTY_GROUP]->(x:PartyGroup)"),
    MICRO_GRIDS("microGrids", "(c)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)"
            + "-[:HAS_GRID_BRANCH]->(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)-[:HAS_MICRO_GRID]->(x:MicroGrid)"),
    COMPOUNDS("compounds", "(c)-[:HAS_COMPOUND]->(x:Compound)"),
    FUNCTIONAL_GROUPS("functionalGroups", "(c)-[:HAS_FUNCTIONAL_BRANCH]->(:FunctionalBranch)-[:HAS_FUNCTIONAL_GROUP]->(x:FunctionalGroup)"),
    MEMBERS("members", "(c)<-[:WITH_COMMUNITY]-(x:Registration) WHERE x.state IN ['PENDING', 'CONFIRMED']"),
    REGISTERED_MEMBERS("registeredMembers", "(c)<-[:WITH_COMMUNITY]-(x:Registration {state: 'CONFIRMED'})"),
    PENDING_REGISTRATIONS("pendingRegistrations", "(c)<-[:WITH_COMMUNITY]-(x:Registration {state: 'PENDING'})");

    private final String field;
    private final String pattern;

    CommunityCount(String field, String pattern) {
        this.field = field;
        this.pattern = pattern;
    }

    String field() {
        return field;
    }

    /** The Cypher expression counting it: each thing once, however many paths reach it. */
    String expression() {
        return "size(COLLECT { MATCH " + pattern + " RETURN DISTINCT x })";
    }

    /** The counts among these GraphQL field names (others, such as __typename, are ignored). */
    static Set<CommunityCount> ofFields(Collection<String> fields) {
        Set<CommunityCount> counts = EnumSet.noneOf(CommunityCount.class);
        Arrays.stream(values()).filter(c -> fields.contains(c.field)).forEach(counts::add);
        return counts;
    }
}
