package cn.nantong.tongtongzai.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

import cn.nantong.tongtongzai.support.IntegrationTest;

/** The skill knowledge graph of V006, read over GraphQL and checked for shape with Cypher. */
class KnowledgeGraphTest extends IntegrationTest {

    @Autowired
    Driver driver;

    @Test
    void everyCategoryHasSkillsAndEverySkillTheWordsResidentsUse() {
        List<Map<String, Object>> skills = graphQl.document("{ skills { id name category { id } synonyms keywords } }").execute()
                .path("skills").entity(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).get();
        assertThat(skills).hasSizeGreaterThanOrEqualTo(60);
        Map<Object, Long> perCategory = skills.stream()
                .collect(Collectors.groupingBy(s -> ((Map<?, ?>) s.get("category")).get("id"), Collectors.counting()));
        assertThat(perCategory).hasSize(8).allSatisfy((category, count) -> assertThat(count).as("%s", category).isGreaterThanOrEqualTo(4));
        assertThat(skills).allSatisfy(s -> {
            assertThat((List<?>) s.get("synonyms")).as("synonyms of %s", s.get("id")).isNotEmpty();
            assertThat((List<?>) s.get("keywords")).as("keywords of %s", s.get("id")).hasSizeGreaterThanOrEqualTo(4);
        });
        statements.reset();
        graphQl.document("{ skills { synonyms broader { id } narrower { id } substitutes { strength } } }").execute();
        assertThat(statements.count()).as("the skills, then one statement for all their knowledge fields").isEqualTo(2);

        graphQl.document("{ skills(categoryId: \"LEGAL_AID\") { id } }").execute()
                .path("skills[*].id").entityList(String.class).contains("legal_consulting", "will_and_inheritance")
                .doesNotContain("plumbing_electrical");
    }

    @Test
    void broaderNarrowerAndSubstitutes() {
        List<Map<String, Object>> skills = graphQl.document("""
                        { skills(categoryId: "HELP_THE_NEEDY") { id broader { id } narrower { id } substitutes { skill { id name } strength } } }""")
                .execute().path("skills").entity(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).get();
        Map<Object, Map<String, Object>> byId = skills.stream().collect(Collectors.toMap(s -> s.get("id"), s -> s));
        assertThat(ids(byId.get("plumbing_electrical").get("narrower"))).contains("circuit_repair", "pipe_repair");
        assertThat(ids(byId.get("circuit_repair").get("broader"))).containsExactly("plumbing_electrical");
        List<?> standIns = (List<?>) byId.get("circuit_repair").get("substitutes");
        assertThat(standIns).first().satisfies(first -> {
            assertThat(((Map<?, ?>) ((Map<?, ?>) first).get("skill")).get("id")).as("the strongest stand-in first").isEqualTo("plumbing_electrical");
            assertThat(((Map<?, ?>) first).get("strength")).isEqualTo(0.9);
        });

        try (var session = driver.session()) {
            assertThat(session.run("MATCH (s:Skill)-[:BROADER*1..]->(s) RETURN count(s)").single().get(0).asLong())
                    .as("no skill is broader than itself").isZero();
            assertThat(session.run("MATCH (a:Skill)-[r:SUBSTITUTES]->(b:Skill) WHERE a = b OR NOT (0 < r.strength <= 1) RETURN count(r)")
                    .single().get(0).asLong()).as("strengths in (0, 1], never a skill for itself").isZero();
            assertThat(session.run("MATCH ()-[r:SUBSTITUTES]->() RETURN count(r)").single().get(0).asLong()).isGreaterThanOrEqualTo(50);
        }
    }

    @Test
    void occupationsImplySkills() {
        List<Map<String, Object>> occupations = graphQl.document("{ occupations { id name synonyms skills { skill { id } level } } }").execute()
                .path("occupations").entity(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).get();
        assertThat(occupations).hasSizeGreaterThanOrEqualTo(30)
                .allSatisfy(o -> assertThat((List<?>) o.get("skills")).as("skills of %s", o.get("name")).isNotEmpty());
        Map<String, Object> lawyer = occupations.stream().filter(o -> "律师".equals(o.get("name"))).findFirst().orElseThrow();
        assertThat(lawyer.get("synonyms")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).contains("执业律师");
        Map<?, ?> first = (Map<?, ?>) ((List<?>) lawyer.get("skills")).getFirst();
        assertThat(((Map<?, ?>) first.get("skill")).get("id")).isEqualTo("legal_consulting");
        assertThat(first.get("level")).isEqualTo(5);
        assertThat(occupations).extracting(o -> o.get("name")).contains("社区医生", "电工", "中学教师");
    }

    private static List<Object> ids(Object skills) {
        return ((List<?>) skills).stream().map(s -> (Object) ((Map<?, ?>) s).get("id")).toList();
    }
}
