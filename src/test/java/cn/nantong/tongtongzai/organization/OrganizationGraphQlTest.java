package cn.nantong.tongtongzai.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.nantong.tongtongzai.support.IntegrationTest;

class OrganizationGraphQlTest extends IntegrationTest {

    @BeforeEach
    void threeStreets() {
        database.write("""
                UNWIND range(1, 3) AS s
                CREATE (street:Street {id: '32061300' + s, name: '街道' + s, district: '崇川区'})
                WITH street, s
                UNWIND range(1, s * 2) AS c
                CREATE (street)-[:HAS_COMMUNITY]->(:Community {id: street.id + '00' + c, name: '社区' + s + '-' + c})""");
    }

    @Test
    void pagesThroughStreetsWithoutGapsOrRepeats() {
        var first = graphQl.document("{ streets(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }")
                .execute();
        first.path("streets.edges[*].node.id").entityList(String.class).containsExactly("320613001", "320613002");
        first.path("streets.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String after = first.path("streets.pageInfo.endCursor").entity(String.class).get();

        var second = graphQl.document("query($after: String) { streets(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }")
                .variable("after", after)
                .execute();
        second.path("streets.edges[*].node.id").entityList(String.class).containsExactly("320613003");
        second.path("streets.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void nestsCommunitiesPerStreetWithTheirOwnPaging() {
        graphQl.document("""
                        { streets { edges { node { id communityCount
                            communities(first: 3) { edges { node { id street { id } } } pageInfo { hasNextPage } } } } } }""")
                .execute()
                .path("streets.edges[*].node.communityCount").entityList(Integer.class).containsExactly(2, 4, 6)
                .path("streets.edges[*].node.communities.pageInfo.hasNextPage").entityList(Boolean.class)
                .containsExactly(false, true, true)
                .path("streets.edges[2].node.communities.edges[*].node.id").entityList(String.class)
                .containsExactly("320613003001", "320613003002", "320613003003")
                .path("streets.edges[2].node.communities.edges[*].node.street.id").entityList(String.class)
                .containsExactly("320613003", "320613003", "320613003");
    }

    @Test
    void findsOneStreetOrCommunityByCodeAndAnswersNullForUnknownCodes() {
        graphQl.document("{ community(id: \"320613002002\") { name street { name district } } street(id: \"999\") { id } }")
                .execute()
                .path("community.name").entity(String.class).isEqualTo("社区2-2")
                .path("community.street.name").entity(String.class).isEqualTo("街道2")
                .path("community.street.district").entity(String.class).isEqualTo("崇川区")
                .path("street").valueIsNull();
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
