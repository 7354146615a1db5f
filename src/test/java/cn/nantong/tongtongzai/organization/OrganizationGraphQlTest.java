package cn.nantong.tongtongzai.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.support.IntegrationTest;

/** The tree over GraphQL, on the generated `tiny` data set: 1 street, 2 communities, 16 micro-grids. */
class OrganizationGraphQlTest extends IntegrationTest {


    @Autowired
    OrganizationService organization;

    @BeforeEach
    void tinyCity() {
        database.loadTiny();
    }

    @Test
    void navigatesDownLevelByLevelWithCountsAndUpAgain() {
        graphQl.document("""
                { street(id: "320613001") { name district derived communityCount
                    communities(first: 1) { edges { node { id name parent { id }
                      children { edges { node { level name childCount
                        children { edges { node { __typename level
                          ... on GridBranch { grid { name } }
                          children(first: 1) { edges { node { level childCount
                            children(first: 2) { edges { node { __typename id ... on MicroGrid { building compound { kind } } parent { id } } } } } } } } } } } } } } } } } }""")
                .execute()
                .path("street.name").entity(String.class).isEqualTo("城东街道")
                .path("street.district").entity(String.class).isEqualTo("崇川区")
                .path("street.derived").entity(Boolean.class).isEqualTo(false)
                .path("street.communityCount").entity(Integer.class).isEqualTo(2)
                .path("street.communities.edges[0].node.name").entity(String.class).isEqualTo("德民社区")
                .path("street.communities.edges[0].node.parent.id").entity(String.class).isEqualTo("320613001")
                .path("street.communities.edges[0].node.children.edges[0].node.level").entity(String.class).isEqualTo("GENERAL_BRANCH")
                .path("street.communities.edges[0].node.children.edges[0].node.childCount").entity(Integer.class).isEqualTo(2)
                .path("street.communities.edges[0].node.children.edges[0].node.children.edges[*].node.__typename")
                .entityList(String.class).containsExactly("GridBranch", "GridBranch")
                .path("street.communities.edges[0].node.children.edges[0].node.children.edges[0].node.grid.name")
                .entity(String.class).isEqualTo("德民社区第1网格")
                .path("street.communities.edges[0].node.children.edges[0].node.children.edges[0].node.children.edges[0].node.level")
                .entity(String.class).isEqualTo("PARTY_GROUP")
                .path("street.communities.edges[0].node.children.edges[0].node.children.edges[0].node.children.edges[0].node.children.edges[*].node.__typename")
                .entityList(String.class).containsExactly("MicroGrid", "MicroGrid");
    }

    @Test
    void findsAnyNodeByIdAndNullForAnUnknownId() {
        graphQl.document("""
                { orgNode(id: "320613001001-W01-P1") { __typename name level parent { __typename id } }
                  unknown: orgNode(id: "nope") { id }
                  street(id: "320613001001") { id } }""")
                .execute()
                .path("orgNode.__typename").entity(String.class).isEqualTo("PartyGroup")
                .path("orgNode.name").entity(String.class).isEqualTo("德民社区第1网格第一党小组")
                .path("orgNode.parent.__typename").entity(String.class).isEqualTo("GridBranch")
                .path("orgNode.parent.id").entity(String.class).isEqualTo("320613001001-W01-B")
                .path("unknown").valueIsNull()
                .path("street").valueIsNull(); // a community id is not a street
    }

    private static final String DASHBOARD = """
            name street { name }
            counts { generalBranches grids gridBranches partyGroups microGrids compounds functionalGroups members registeredMembers pendingRegistrations }
            functionalBranch { name groups { name memberCount gridBranch { name } } }
            children { edges { node { name childCount
              children { edges { node { name childCount ... on GridBranch { grid { name } }
                children { edges { node { name childCount
                  children { edges { node { name ... on MicroGrid { building compound { name kind } } } } } } } } } } } } } }""";

    @Test
    void aCommunityDashboardIsOneRequestWithOneStatementPerLevel() {
        statements.reset();
        var response = graphQl.document("query($id: ID!) { community(id: $id) { " + DASHBOARD + " } }")
                .variable("id", "320613001001").execute();
        int oneCommunity = statements.count();

        response.path("community.counts.generalBranches").entity(Integer.class).isEqualTo(1)
                .path("community.counts.gridBranches").entity(Integer.class).isEqualTo(2)
                .path("community.counts.partyGroups").entity(Integer.class).isEqualTo(4)
                .path("community.counts.microGrids").entity(Integer.class).isEqualTo(8)
                .path("community.counts.functionalGroups").entity(Integer.class).isEqualTo(2)
                .path("community.children.edges[0].node.children.edges[*].node.children.edges[*].node.children.edges[*].node.name")
                .entityList(String.class).hasSize(8);
        // community, street, counts, functional branch, its groups with their grid branches and member counts,
        // then per level children + childCount (+ grids of grid branches, compounds of micro-grids)
        assertThat(oneCommunity).as("statements for one community's whole tree").isBetween(10, 17);

        // The same tree for every community of a street: the number of statements does not grow with
        // the number of communities (nor with the nodes under them).
        int[] counts = new int[2];
        for (int communities = 1; communities <= 2; communities++) {
            statements.reset();
            graphQl.document("{ street(id: \"320613001\") { communities(first: " + communities + ") { edges { node { "
                            + DASHBOARD.replace("name street { name }", "name") + " } } } } }")
                    .execute()
                    .path("street.communities.edges[*].node.children.edges[*].node.children.edges[*].node.children.edges[*].node.children.edges[*].node.name")
                    .entityList(String.class).hasSize(8 * communities);
            counts[communities - 1] = statements.count();
        }
        assertThat(counts[1]).as("statements for two communities vs one").isEqualTo(counts[0]);
    }

    @Test
    void countsOnlyWhatIsAskedAndEveryAskInOneStatement() {
        String all = "generalBranches grids gridBranches partyGroups microGrids compounds functionalGroups members registeredMembers pendingRegistrations";
        Map<String, Object> together = graphQl.document("{ community(id: \"320613001001\") { counts { " + all + " } } }").execute()
                .path("community.counts").entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { }).get();
        assertThat(together).hasSize(10);
        for (String field : all.split(" ")) { // each asked alone: the same figure
            graphQl.document("{ community(id: \"320613001001\") { counts { " + field + " } } }").execute()
                    .path("community.counts").entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                    .isEqualTo(Map.of(field, together.get(field)));
        }
        // what is not asked is not counted
        var asked = new CommunityCounts.Asked("320613001001", java.util.EnumSet.of(CommunityCount.GRIDS, CommunityCount.MEMBERS));
        assertThat(organization.communityCounts(java.util.Set.of(asked)).get(asked).counted())
                .containsOnlyKeys(CommunityCount.GRIDS, CommunityCount.MEMBERS);
        // different asks of both communities of a street: still one statement for the counts
        statements.reset();
        graphQl.document("{ street(id: \"320613001\") { communities { edges { node { id } } } } }").execute();
        int withoutCounts = statements.count();
        statements.reset();
        var response = graphQl.document("""
                { street(id: "320613001") { communities { edges { node { id a: counts { grids } b: counts { members pendingRegistrations } } } } } }""")
                .execute();
        assertThat(statements.count()).isEqualTo(withoutCounts + 1);
        response.path("street.communities.edges[0].node.a").entity(Map.class).isEqualTo(Map.of("grids", together.get("grids")))
                .path("street.communities.edges[0].node.b.members").entity(Object.class).isEqualTo(together.get("members"))
                .path("street.communities.edges[1].node.b.pendingRegistrations").hasValue();
    }

    @Test
    void pagesThroughChildrenWithoutGapsOrRepeats() {
        var first = graphQl.document("{ orgNode(id: \"320613001001-W01-B\") { children(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }")
                .execute();
        first.path("orgNode.children.edges[*].node.id").entityList(String.class).containsExactly("320613001001-W01-P1")
                .path("orgNode.children.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String after = first.path("orgNode.children.pageInfo.endCursor").entity(String.class).get();
        graphQl.document("query($after: String) { orgNode(id: \"320613001001-W01-B\") { children(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage } } } }")
                .variable("after", after)
                .execute()
                .path("orgNode.children.edges[*].node.id").entityList(String.class).containsExactly("320613001001-W01-P2")
                .path("orgNode.children.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void refusesPagesLargerThanTheMaximumWithATypedError() {
        graphQl.document("{ streets(first: 101) { edges { node { id } } } }")
                .execute()
                .errors()
                .satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.getFirst().getExtensions()).containsEntry("code", "INVALID_PAGE");
                    assertThat(errors.getFirst().getMessage()).contains("between 0 and 100");
                });
    }
}
