package cn.nantong.tongtongzai.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/**
 * What analysts see of members (probe findings 6 and 7): pseudonymous ids only, the birth decade and no skills, and
 * nobody from a cohort (community, gender, birth decade) smaller than five. Before the fixes an analyst read any
 * member by real id, with birth year and skill levels, from cohorts of one.
 */
class AnalystReleaseTest extends IntegrationTest {

    private static final String MEMBERS = """
            { members(filter: {communityId: "%s"}, first: 100) { edges { node { id gender %s community { id } } } } }""";

    @Autowired
    Driver driver;

    @Autowired
    Pseudonyms pseudonyms;

    private FlowFixture flow;
    private HttpGraphQlTester analyst;

    @BeforeEach
    void tinyCityWithOneLargeCohort() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        // six women of 德民社区 born in the 1980s: one cohort of six; the tiny data's others hold two or three
        flow.strings("""
                MATCH (m:Member) WHERE m.id IN $ids SET m.gender = 'FEMALE', m.birthYear = 1980 + toInteger(right(m.id, 1))
                RETURN m.id""", Map.of("ids", flow.confirmedMembers(FlowFixture.DEMIN).subList(0, 6)));
        analyst = as(TestTokens.user("analyst", Role.ANALYST, Scope.none()));
    }

    @Test
    void analystsSeeOnlyMembersOfCohortsOfAtLeastFive() {
        Map<String, Integer> cohorts = new HashMap<>();
        for (String community : List.of(FlowFixture.DEMIN, FlowFixture.XIAOSHIQIAO)) {
            nodes(graphQl, community, "birthYear").forEach(m -> cohorts.merge(cohort(m, (Integer) m.get("birthYear")), 1, Integer::sum));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String community : List.of(FlowFixture.DEMIN, FlowFixture.XIAOSHIQIAO)) {
            nodes(analyst, community, "birthDecade").forEach(m -> seen.merge(cohort(m, (Integer) m.get("birthDecade")), 1, Integer::sum));
        }
        Map<String, Integer> expected = new HashMap<>();
        cohorts.forEach((key, size) -> {
            if (size >= AnalystRelease.K) {
                expected.put(key, size);
            }
        });
        assertThat(expected).as("the tiny data has a cohort of five or more").isNotEmpty();
        assertThat(cohorts).as("and smaller ones").hasSizeGreaterThan(expected.size());
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void analystsNameMembersOnlyByPseudonym() {
        List<String> demin = flow.confirmedMembers(FlowFixture.DEMIN);
        String released = demin.getFirst();
        String pseudonymousId = pseudonyms.id(Kind.MEMBER, released);
        assertThat(analyst.document("{ member(id: \"%s\") { id name birthDecade } }".formatted(pseudonymousId)).execute()
                .path("member.name").entity(String.class).get()).isEqualTo(pseudonyms.name(Kind.MEMBER, released));
        // a real id, an unknown pseudonym and a suppressed member's pseudonym: the same answer as a missing member
        String suppressed = flow.strings("MATCH (m:Member) WHERE NOT m.id IN $ids RETURN m.id ORDER BY m.id LIMIT 1",
                Map.of("ids", demin.subList(0, 6))).getFirst();
        for (String id : List.of(released, "P-0000000000000000", pseudonyms.id(Kind.MEMBER, suppressed), "M-nobody")) {
            assertThat(codes(analyst, "{ member(id: \"%s\") { id } }".formatted(id))).as(id).containsExactly("NOT_FOUND");
        }
        // whoever sees names goes on using real ids
        graphQl.document("{ member(id: \"%s\") { id } }".formatted(released)).execute().path("member.id").entity(String.class)
                .isEqualTo(released);
    }

    @Test
    void analystsSeeTheBirthDecadeAndNoSkillsNorMembersThroughRoles() {
        String member = pseudonyms.id(Kind.MEMBER, flow.confirmedMembers(FlowFixture.DEMIN).getFirst());
        assertThat(analyst.document("{ member(id: \"%s\") { birthDecade } }".formatted(member)).execute()
                .path("member.birthDecade").entity(Integer.class).get()).isEqualTo(1980);
        assertThat(codes(analyst, "{ member(id: \"%s\") { birthYear } }".formatted(member))).containsExactly("FORBIDDEN");
        assertThat(codes(analyst, "{ member(id: \"%s\") { skills { skill { name } } } }".formatted(member)))
                .containsExactly("FORBIDDEN");
        assertThat(codes(analyst, "{ members(filter: {communityId: \"%s\", skillId: \"S-plumbing\"}) { edges { node { id } } } }"
                .formatted(FlowFixture.DEMIN))).containsExactly("FORBIDDEN");
        // a role is public: its holder's pseudonym would name them
        flow.strings("MATCH (b:FunctionalBranch {id: $b}), (m:Member {id: $m}) MERGE (m)-[:SECRETARY_OF]->(b) RETURN b.id",
                Map.of("b", FlowFixture.DEMIN + "-GN", "m", flow.confirmedMembers(FlowFixture.DEMIN).getFirst()));
        assertThat(codes(analyst, "{ community(id: \"%s\") { functionalBranch { secretary { name } } } }"
                .formatted(FlowFixture.DEMIN))).containsExactly("FORBIDDEN");
    }

    private static String cohort(Map<String, Object> member, int year) {
        return ((Map<?, ?>) member.get("community")).get("id") + "/" + member.get("gender") + "/" + year / 10;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodes(HttpGraphQlTester tester, String community, String age) {
        return (List<Map<String, Object>>) (List<?>) tester.document(MEMBERS.formatted(community, age))
                .execute().path("members.edges[*].node").entityList(Map.class).get();
    }

    private static List<Object> codes(HttpGraphQlTester tester, String document) {
        List<ResponseError> errors = tester.document(document).execute().returnResponse().getErrors();
        return errors.stream().map(e -> e.getExtensions().get("code")).toList();
    }
}
