package cn.nantong.tongtongzai.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import cn.nantong.tongtongzai.dataset.DatasetLoader;
import cn.nantong.tongtongzai.dataset.Scale;
import cn.nantong.tongtongzai.support.IntegrationTest;

/** The demo users the `token demo` command signs for exist in the demo data, and their tokens work. */
class DemoUsersTest extends IntegrationTest {

    @Autowired
    DatasetLoader loader;

    @Autowired
    Driver driver;

    @Test
    void everyDemoUserHasTheScopeTheirRoleNeedsInTheDemoData() {
        loader.load(loader.generate(Scale.DEMO), line -> { });
        Map<String, Actor> users = DemoUsers.all();
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(DemoUsers.NAMES);
        assertThat(users.values().stream().flatMap(u -> u.roles().stream()).distinct()).containsExactlyInAnyOrder(Role.values());
        String community = DemoUsers.COMMUNITY;
        assertThat(count("MATCH (:Street {id: $a})-[:HAS_COMMUNITY]->(:Community {id: $b})", DemoUsers.STREET, community)).isOne();
        assertThat(count("MATCH (:Resident {id: $a})<-[:POSTED_BY]-(:Request)-[:IN_COMMUNITY]->(:Community {id: $b})",
                users.get("resident").residentId(), community)).isPositive();
        assertThat(count("MATCH (:Member {id: $a})-[:REGISTERED]->(:Registration {state: 'CONFIRMED'})-[:WITH_COMMUNITY]->(:Community {id: $b})",
                users.get("member").memberId(), community)).isOne();
        assertThat(count("MATCH (m:Member {id: $a}) WHERE NOT EXISTS { (m)-[:REGISTERED]->() } AND EXISTS { (m)-[:LIVES_IN]->()"
                + "<-[:HAS_MICRO_GRID]-()<-[:HAS_PARTY_GROUP]-()<-[:HAS_GRID_BRANCH]-()<-[:HAS_GENERAL_BRANCH]-()<-[:HAS_COMMITTEE]-(:Community {id: $b}) }",
                users.get("newcomer").memberId(), community)).as("the newcomer lives there, not registered").isOne();
        assertThat(count("MATCH (:Community {id: $b})-[:HAS_GRID]->(:Grid {id: $a})", users.get("grid-leader").gridId(), community)).isOne();
        assertThat(count("MATCH (:Member {id: $a})-[:DEPUTY_SECRETARY_OF]->(:GridBranch)-[:SERVES_GRID]->(:Grid {id: $b})",
                users.get("grid-leader").memberId(), users.get("grid-leader").gridId())).isOne();
        assertThat(count("MATCH (:FunctionalGroup {id: $a})-[:EMBEDDED_IN]->(:GridBranch)<-[:DEPUTY_SECRETARY_OF]-(:Member {id: $b})",
                users.get("group-leader").groupId(), users.get("group-leader").memberId())).isOne();
        assertThat(count("MATCH (:Member {id: $a})-[:SECRETARY_OF]->(:FunctionalBranch)<-[:HAS_FUNCTIONAL_BRANCH]-(:Community {id: $b})",
                users.get("first-secretary").memberId(), community)).isOne();
        assertThat(count("MATCH (:Unit {id: $a})-[:PAIRED_WITH]->(:Community {id: $b})", users.get("unit-secretary").unitId(), community))
                .isOne();
    }

    @Test
    void theTokenCommandSignsTokensTheServiceAccepts() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            status = TokenCommand.run(new String[] {"token", "demo", "--hours=1"});
        } finally {
            System.setOut(original);
        }
        assertThat(status).isZero();
        List<String> tokens = Arrays.stream(printed.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> line.startsWith("eyJ")).toList();
        assertThat(tokens).hasSize(DemoUsers.NAMES.size());
        for (int i = 0; i < tokens.size(); i++) {
            anonymous.mutate().header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.get(i)).build()
                    .document("{ me { id } }").execute()
                    .path("me.id").entity(String.class).isEqualTo(DemoUsers.all().get(DemoUsers.NAMES.get(i)).id());
        }
    }

    private long count(String pattern, String a, String b) {
        return driver.executableQuery(pattern + " RETURN count(*)").withParameters(Map.of("a", a, "b", b)).execute()
                .records().getFirst().get(0).asLong();
    }
}
