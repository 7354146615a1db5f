package cn.nantong.tongtongzai.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/**
 * The 四单 lists answer in a fixed number of statements however many rows a page holds (no query per
 * row), filter as documented and page without gaps.
 */
class FlowListsTest extends IntegrationTest {

    static final String TASK_PAGE = """
            query($n: Int!) { tasks(filter: {communityId: "320613001001"}, first: $n) { edges { node {
              id title community { name } place { name } skills { name category { name } } category { name }
              teams { ... on FunctionalBranch { name } ... on FunctionalGroup { name } }
              claims { member { name satisfaction { rate } serviceHours(period: YEAR) { hours } } source
                       serviceRecords { hours } evaluations { score } history { action } }
              allClaims: claims(includeWithdrawn: true) { state }
              teamClaims { team { ... on FunctionalBranch { name } } }
              requests { text resident { name } history { action } }
              history { action by } } } pageInfo { hasNextPage endCursor } } }""";

    @Autowired
    Driver driver;

    FlowFixture flow;
    List<String> members;

    @BeforeEach
    void tiny() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        members = flow.confirmedMembers(FlowFixture.DEMIN);
        for (int i = 0; i < 6; i++) {
            String task = flow.published(2, 60 + i);
            flow.claimId(task, members.get(i));
            flow.claimId(task, members.get(i + 1));
        }
    }

    @Test
    void aPageOfTasksWithEverythingUnderItIsAFixedNumberOfStatements() {
        int[] counts = new int[2];
        int[] sizes = {2, 6};
        for (int i = 0; i < 2; i++) {
            statements.reset();
            graphQl.document(TASK_PAGE).variable("n", sizes[i]).execute()
                    .path("tasks.edges[*].node.claims[*].member.name").entityList(String.class).hasSize(2 * sizes[i]);
            counts[i] = statements.count();
        }
        assertThat(counts[1]).as("statements for 6 tasks vs 2").isEqualTo(counts[0]);
    }

    @Test
    void tasksFilterByStateKindAndMemberAndPageWithoutGaps() {
        graphQl.document("{ tasks(filter: {communityId: \"320613001001\", state: DRAFT}) { edges { node { id } } } }").execute()
                .path("tasks.edges").entityList(Object.class).hasSize(0);
        graphQl.document("query($m: ID!) { tasks(filter: {memberId: $m}) { edges { node { id } } } }").variable("m", members.get(1))
                .execute().path("tasks.edges").entityList(Object.class).hasSize(2);
        graphQl.document("{ tasks(filter: {kind: EMERGENCY}) { edges { node { id } } } }").execute()
                .path("tasks.edges").entityList(Object.class).hasSize(0);

        var first = graphQl.document("{ tasks(first: 4) { edges { node { id } } pageInfo { hasNextPage endCursor } } }").execute();
        List<String> page1 = first.path("tasks.edges[*].node.id").entityList(String.class).get();
        String cursor = first.path("tasks.pageInfo.endCursor").entity(String.class).get();
        first.path("tasks.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        List<String> page2 = graphQl.document("query($after: String!) { tasks(first: 4, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }")
                .variable("after", cursor).execute()
                .path("tasks.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false)
                .path("tasks.edges[*].node.id").entityList(String.class).get();
        assertThat(page1).hasSize(4).doesNotContainAnyElementsOf(page2);
        assertThat(page2).hasSize(2);
        assertThat(flow.count("MATCH (t:Task) RETURN count(t)", Map.of())).isEqualTo(6);
    }

    @Test
    void aMembersClaimsFilterByStateNewestFirst() {
        String claim = flow.strings("MATCH (:Member {id: $m})-[:MADE]->(c:Claim) RETURN c.id ORDER BY c.claimedAt LIMIT 1",
                Map.of("m", members.get(1))).getFirst();
        graphQl.document("mutation($id: ID!) { withdrawClaim(input: {claimId: $id}) { claim { state } } }").variable("id", claim).execute();
        graphQl.document("query($m: ID!) { member(id: $m) { active: claims(state: ACTIVE) { edges { node { id } } } withdrawn: claims(state: WITHDRAWN) { edges { node { id } } } } }")
                .variable("m", members.get(1)).execute()
                .path("member.active.edges").entityList(Object.class).hasSize(1)
                .path("member.withdrawn.edges[0].node.id").entity(String.class).isEqualTo(claim);
    }
}
