package cn.nantong.tongtongzai.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/**
 * Security probe, finding 1: a document's cost counts what it can return — every alias, and each list's fields as
 * many times as the list may hold ({@code first}), down the levels. The probe's documents stayed within the old
 * limits (depth 20, 2,000 fields) and ran for seconds to minutes; they are refused now before anything runs, while
 * what front ends ask for (JourneyTest runs all of it) still runs.
 */
class QueryCostTest extends IntegrationTest {

    @Autowired
    Driver driver;

    private HttpGraphQlTester member;

    @BeforeEach
    void aSignedInMember() {
        database.loadTiny();
        String id = driver.executableQuery("MATCH (m:Member) RETURN min(m.id) AS id").execute().records().getFirst()
                .get("id").asString();
        member = as(TestTokens.user("probe-member", Role.MEMBER, Scope.none().member(id).community(FlowFixture.DEMIN)));
    }

    /** street → communities(first: 100) → street, four levels, two aliases a level: 1,940 bytes, 160,000 communities on the demo. */
    @Test
    void theProbesCyclingDocumentsAreRefusedBeforeAnythingRuns() {
        for (int aliases = 2; aliases <= 3; aliases++) {
            String document = cycle(4, aliases);
            statements.reset();
            ResponseError error = refused(member.document(document).execute(), "QUERY_TOO_COMPLEX");
            assertThat(error.getMessage()).as("says the cost and the limit").contains("代价").contains("最多50,000");
            assertThat(statements.count()).as("nothing ran").isZero();
        }
        // the probe's was 1,940 bytes; this one 1,938 without the spaces around braces
        assertThat(cycle(4, 2).replaceAll(" ?([{}:]) ?", "$1").length()).isLessThan(2_000);
    }

    /** 500 aliases of classifyText with a 10,000-character text took 6.2 s. */
    @Test
    void fiveHundredClassificationsOfALongTextAreRefused() {
        StringBuilder aliases = new StringBuilder("query Classify($text: String!) {");
        for (int i = 0; i < 500; i++) {
            aliases.append(" c").append(i).append(": classifyText(text: $text) { confidence }");
        }
        refused(member.document(aliases.append(" }").toString()).variable("text", "楼道灯不亮".repeat(2_000)).execute(),
                "QUERY_TOO_COMPLEX");
        // one classification of the same text, or a few of short texts, are what the classifier is for
        member.document("query($text: String!) { classifyText(text: $text) { confidence } }")
                .variable("text", "楼道灯不亮".repeat(2_000)).execute().errors().verify();
    }

    /** The same document is cheap or too costly by its page sizes alone: {@code first} multiplies down the levels. */
    @Test
    void pageSizesMultiplyDownTheLevels() {
        String nested = """
                { streets(first: %1$d) { edges { node { communities(first: %1$d) { edges { node { id
                    unitFeedback(first: %1$d) { edges { node { text } } } } } } } } } }""";
        graphQl.document(nested.formatted(10)).execute().errors().verify();
        ResponseError error = refused(graphQl.document(nested.formatted(100)).execute(), "QUERY_TOO_COMPLEX");
        // a feedback page 1 + 1 + 100 × 2 = 202, a community 1 + 1 + 202, a street 1 + 1 + 1 + 100 × 204, and 100 streets
        assertThat(error.getMessage()).contains("2,040,302");
    }

    /** What a front end asks for runs: a street's communities with their counts, a community's tree four levels down. */
    @Test
    void frontEndDocumentsRun() {
        graphQl.document("""
                { street(id: "320613001") { name communityCount communities(first: 20) { edges { node { id name
                    counts { members registeredMembers pendingRegistrations } } } } } }""")
                .execute().errors().verify();
        graphQl.document("""
                { community(id: "320613001001") { name functionalBranch { name groups { name memberCount gridBranch { name } } }
                    children { edges { node { name childCount
                      children { edges { node { name childCount ... on GridBranch { grid { name } }
                        children { edges { node { name childCount
                          children { edges { node { name ... on MicroGrid { building compound { name kind } } } } } } } } } } } } } } } }""")
                .execute().errors().verify();
    }

    private static ResponseError refused(GraphQlTester.Response response, String code) {
        var errors = response.returnResponse().getErrors();
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst().getExtensions()).containsEntry("code", code);
        return errors.getFirst();
    }

    /** street(id) { c0: communities(first: 100) { edges { node { id name street { … } } } } c1: … }, levels deep. */
    static String cycle(int levels, int aliases) {
        String inner = "id name";
        for (int level = 0; level < levels; level++) {
            StringBuilder next = new StringBuilder("id name");
            for (int a = 0; a < aliases; a++) {
                next.append(" c").append(a).append(": communities(first: 100) { edges { node { id name street { ")
                        .append(inner).append(" } } } }");
            }
            inner = next.toString();
        }
        return "{ street(id: \"320613001\") { " + inner + " } }";
    }
}
