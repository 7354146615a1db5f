package cn.nantong.tongtongzai.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

/** A reset keeps the migrations' reference data only while nothing changed it: any change is undone. */
class ReferenceDataTest extends IntegrationTest {

    @Autowired
    Driver driver;

    @ParameterizedTest
    @ValueSource(strings = {
            "MATCH (s:Skill {id: 'plumbing_electrical'}) SET s.name = '改过的名字'",
            "MATCH (s:Skill {id: 'plumbing_electrical'}) REMOVE s.keywords",
            "MATCH (s:Skill {id: 'plumbing_electrical'}) DETACH DELETE s",
            "MATCH (s:Skill {id: 'plumbing_electrical'}) REMOVE s:Skill SET s:Retired",
            "MATCH (e:ExampleRequest) WITH e LIMIT 1 DETACH DELETE e",
            "CREATE (:Occupation {id: 'invented', name: '新职业'})",
            "MATCH (s:Skill)-[r:SERVES]->() WITH r LIMIT 1 SET r.note = 'x'",
            "MATCH (a:Skill {id: 'plumbing_electrical'}), (b:Skill {id: 'legal_consulting'}) CREATE (a)-[:SUBSTITUTES]->(b)",
            "MATCH ()-[r:BROADER]->() WITH r LIMIT 1 DELETE r"})
    void aResetUndoesAnyChangeToIt(String change) {
        List<Object> pristine = referenceData();
        database.write(change);
        assertThat(referenceData()).as("the change took").isNotEqualTo(pristine);
        database.reset();
        assertThat(referenceData()).isEqualTo(pristine);
    }

    /** Every reference node with its properties and outgoing reference relationships, in a stable order. */
    private List<Object> referenceData() {
        return driver.executableQuery("""
                MATCH (n) WHERE n:PostCategory OR n:Skill OR n:Occupation OR n:ExampleRequest
                RETURN [labels(n), properties(n),
                        COLLECT { MATCH (n)-[r]->(m) WHERE type(r) IN ['SERVES', 'BROADER', 'EXAMPLE_OF', 'IMPLIES_SKILL', 'SUBSTITUTES']
                                  RETURN [type(r), properties(r), coalesce(m.id, m.text)] ORDER BY type(r), coalesce(m.id, m.text) }] AS node
                ORDER BY labels(n)[0], coalesce(n.id, n.text)""")
                .execute().records().stream().map(r -> r.get("node").asObject()).toList();
    }
}
