package cn.nantong.tongtongzai.analytics;

/**
 * What figures can be asked of: the city, a node of the organisation tree, a functional branch or group, or
 * a unit. Each level says which members are its own ({@code m}), which communities' requests, tasks, posts
 * and meetings count ({@code c}; none for functional branches, groups and units, whose members serve
 * wherever they live), and the level its figures roll up from. The Cypher here never contains user input.
 */
public enum ScopeLevel {

    CITY(null, "MATCH (m:Member)", "MATCH (c:Community)", "STREET",
            "MATCH (x:Street) RETURN x.id AS id, x.name AS name ORDER BY id"),
    STREET("Street", """
            MATCH (:Street {id: $id})-[:HAS_COMMUNITY]->(:Community)-[:HAS_COMMITTEE]->()-[:HAS_GENERAL_BRANCH]->()
                  -[:HAS_GRID_BRANCH]->()-[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->(:MicroGrid)<-[:LIVES_IN]-(m:Member)""",
            "MATCH (:Street {id: $id})-[:HAS_COMMUNITY]->(c:Community)", "COMMUNITY",
            "MATCH (:Street {id: $id})-[:HAS_COMMUNITY]->(x:Community) RETURN x.id AS id, x.name AS name ORDER BY id"),
    COMMUNITY("Community", """
            MATCH (:Community {id: $id})-[:HAS_COMMITTEE]->()-[:HAS_GENERAL_BRANCH]->()-[:HAS_GRID_BRANCH]->()
                  -[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->(:MicroGrid)<-[:LIVES_IN]-(m:Member)""",
            "MATCH (c:Community {id: $id})", "GRID",
            "MATCH (:Community {id: $id})-[:HAS_GRID]->(x:Grid) RETURN x.id AS id, x.name AS name ORDER BY id"),
    /**
     * A grid's requests and tasks are those at its buildings ({@code c} binds each building); posts and joint
     * meetings belong to its community and are not counted here.
     */
    GRID("Grid", """
            MATCH (:Grid {id: $id})<-[:SERVES_GRID]-(:GridBranch)-[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->(:MicroGrid)
                  <-[:LIVES_IN]-(m:Member)""",
            "MATCH (:Grid {id: $id})<-[:SERVES_GRID]-(:GridBranch)-[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->(c:MicroGrid)",
            null, null),
    FUNCTIONAL_BRANCH("FunctionalBranch", "MATCH (:FunctionalBranch {id: $id})<-[:IN_FUNCTIONAL_BRANCH]-(m:Member)", null,
            "FUNCTIONAL_GROUP",
            "MATCH (:FunctionalBranch {id: $id})-[:HAS_FUNCTIONAL_GROUP]->(x:FunctionalGroup) RETURN x.id AS id, x.name AS name ORDER BY id"),
    FUNCTIONAL_GROUP("FunctionalGroup", "MATCH (:FunctionalGroup {id: $id})<-[:IN_FUNCTIONAL_GROUP]-(m:Member)", null, null, null),
    UNIT("Unit", "MATCH (:Unit {id: $id})<-[:WORKS_AT]-(m:Member)", null, null, null);

    private final String label;
    private final String members;
    private final String communities;
    private final String childLevel;
    private final String children;

    ScopeLevel(String label, String members, String communities, String childLevel, String children) {
        this.label = label;
        this.members = members;
        this.communities = communities;
        this.childLevel = childLevel;
        this.children = children;
    }

    /** The node label whose {@code id} the scope's id is; null for the city, which has none. */
    String label() {
        return label;
    }

    /** Binds each of the scope's members as {@code m} (members living there, for places). */
    String members() {
        return members;
    }

    /**
     * Binds each community whose requests, tasks, posts and meetings count as {@code c} (each building, for a
     * grid); null when none do.
     */
    String communities() {
        return communities;
    }

    /** The level the scope's figures roll up from; null at the bottom. */
    ScopeLevel childLevel() {
        return childLevel == null ? null : valueOf(childLevel);
    }

    /** True when {@code c} binds buildings rather than communities. */
    boolean byBuilding() {
        return this == GRID;
    }

    /** Binds each member of the scope as {@code m} with the child it counts under as {@code x}; null at the bottom. */
    String childMembers() {
        return switch (this) {
            case CITY -> "MATCH (x:Street)-[:HAS_COMMUNITY]->(:Community)" + PLACE_TO_MEMBERS;
            case STREET -> "MATCH (:Street {id: $id})-[:HAS_COMMUNITY]->(x:Community)" + PLACE_TO_MEMBERS;
            case COMMUNITY -> """
                    MATCH (:Community {id: $id})-[:HAS_GRID]->(x:Grid)<-[:SERVES_GRID]-(:GridBranch)-[:HAS_PARTY_GROUP]->()
                          -[:HAS_MICRO_GRID]->(:MicroGrid)<-[:LIVES_IN]-(m:Member)""";
            case FUNCTIONAL_BRANCH ->
                    "MATCH (:FunctionalBranch {id: $id})-[:HAS_FUNCTIONAL_GROUP]->(x:FunctionalGroup)<-[:IN_FUNCTIONAL_GROUP]-(m:Member)";
            default -> null;
        };
    }

    /** Binds each community (building, for grids) of each child {@code x} as {@code c}; null when children have none. */
    String childCommunities() {
        return switch (this) {
            case CITY -> "MATCH (x:Street)-[:HAS_COMMUNITY]->(c:Community)";
            case STREET -> "MATCH (:Street {id: $id})-[:HAS_COMMUNITY]->(x:Community) WITH x, x AS c";
            case COMMUNITY -> """
                    MATCH (:Community {id: $id})-[:HAS_GRID]->(x:Grid)<-[:SERVES_GRID]-(:GridBranch)-[:HAS_PARTY_GROUP]->()
                          -[:HAS_MICRO_GRID]->(c:MicroGrid)""";
            default -> null;
        };
    }

    private static final String PLACE_TO_MEMBERS = """
            -[:HAS_COMMITTEE]->()-[:HAS_GENERAL_BRANCH]->()
                  -[:HAS_GRID_BRANCH]->()-[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->(:MicroGrid)<-[:LIVES_IN]-(m:Member)""";

    /** Returns {@code id, name} of each child. */
    String children() {
        return children;
    }
}
