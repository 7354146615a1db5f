package cn.nantong.tongtongzai.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/**
 * A scoped role's list costs a fixed number of statements however many items a page holds: the places its access
 * rules check are read for the whole page at once (AccessInstrumentation), not once per item. Each case asks a
 * small page and a larger one and compares the statements run.
 */
class ScopedListStatementsTest extends IntegrationTest {

    private static final String STREET = "320613001";

    @Autowired
    Driver driver;

    FlowFixture flow;

    @BeforeEach
    void tinyWithMoreCommunitiesAndTasks() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        for (int i = 3; i <= 6; i++) { // 城东街道 has two communities in the tiny data: six, so that a page can hold more
            graphQl.document("mutation($id: ID!, $name: String!) { createOrgNode(input: {level: COMMUNITY, parentId: \"" + STREET
                            + "\", id: $id, name: $name}) { node { id } } }")
                    .variable("id", STREET + "00" + i).variable("name", "测试社区" + i).execute().path("createOrgNode.node.id").hasValue();
        }
        List<String> members = flow.confirmedMembers(FlowFixture.DEMIN);
        for (int i = 0; i < 6; i++) {
            flow.claimId(flow.published(2, 60 + i), members.get(i));
        }
    }

    @Test
    void aStreetAdministratorsCommunitiesWithTheirCounts() {
        HttpGraphQlTester street = as(TestTokens.user("street", Role.STREET_ADMIN, Scope.none().street(STREET)));
        assertFixed(street, """
                query($n: Int!) { street(id: "320613001") { communities(first: $n) { edges { node { id name
                  counts { members grids } satisfaction { rate } } } } } }""", "street.communities.edges", 2, 6);
    }

    @Test
    void aSecretarysTasksWithTheirCodesAndClaims() {
        HttpGraphQlTester secretary = as(TestTokens.user("sec", Role.COMMUNITY_SECRETARY, Scope.none().community(FlowFixture.DEMIN)));
        assertFixed(secretary, """
                query($n: Int!) { tasks(filter: {communityId: "320613001001"}, first: $n) { edges { node { id title
                  verificationCode requests { id } claims { source member { name } } } } } }""", "tasks.edges", 2, 6);
    }

    @Test
    void aSecretarysMembersWithTheirProfiles() {
        HttpGraphQlTester secretary = as(TestTokens.user("sec", Role.COMMUNITY_SECRETARY, Scope.none().community(FlowFixture.DEMIN)));
        assertFixed(secretary, """
                query($n: Int!) { members(filter: {communityId: "320613001001"}, first: $n) { edges { node { id name phone
                  skills { skill { name } source } registration { state } serviceHours(period: YEAR) { hours } } } } }""",
                "members.edges", 2, 6);
    }

    private void assertFixed(HttpGraphQlTester tester, String query, String list, int small, int large) {
        int[] counts = new int[2];
        int[] sizes = {small, large};
        for (int i = 0; i < 2; i++) {
            statements.reset();
            tester.document(query).variable("n", sizes[i]).execute().path(list).entityList(Map.class).hasSize(sizes[i]);
            counts[i] = statements.count();
        }
        assertThat(counts[1]).as("statements for a page of %d vs %d", large, small).isEqualTo(counts[0]);
    }
}
