package cn.nantong.tongtongzai.organization;

/**
 * The levels of the organisation tree, top down: 街道 → 社区 → 党总支 → 网格党支部 → 党小组 → 微网格.
 * Each level knows its node label (also its GraphQL type) and the path to its children; the Cypher
 * built from these constants never contains user input.
 */
public enum TreeLevel {
    STREET("Street", "(n)-[:HAS_COMMUNITY]->(child:Community)"),
    // 社区大党委 (CommunityCommittee) sits between a community and its general branches
    COMMUNITY("Community", "(n)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(child:GeneralBranch)"),
    GENERAL_BRANCH("GeneralBranch", "(n)-[:HAS_GRID_BRANCH]->(child:GridBranch)"),
    GRID_BRANCH("GridBranch", "(n)-[:HAS_PARTY_GROUP]->(child:PartyGroup)"),
    PARTY_GROUP("PartyGroup", "(n)-[:HAS_MICRO_GRID]->(child:MicroGrid)"),
    MICRO_GRID("MicroGrid", null);

    private final String label;
    private final String childPattern;

    TreeLevel(String label, String childPattern) {
        this.label = label;
        this.childPattern = childPattern;
    }

    public String label() {
        return label;
    }

    /** A pattern binding this level's node as {@code n} and each child as {@code child}; null for leaves. */
    String childPattern() {
        return childPattern;
    }

    TreeLevel childLevel() {
        return ordinal() + 1 < values().length ? values()[ordinal() + 1] : null;
    }

    TreeLevel parentLevel() {
        return ordinal() > 0 ? values()[ordinal() - 1] : null;
    }
}
