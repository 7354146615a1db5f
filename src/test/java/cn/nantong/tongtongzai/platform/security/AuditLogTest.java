package cn.nantong.tongtongzai.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/** Mutations, refusals and full personal data are logged; only the city reads the log; nothing edits it. */
class AuditLogTest extends IntegrationTest {

    @Autowired
    Driver driver;

    @Autowired
    GraphQlSource schema;

    @Test
    @SuppressWarnings("unchecked")
    void recordsWhoDidWhatToWhatAndOnlyTheCityReadsIt() {
        database.loadTiny();
        FlowFixture flow = new FlowFixture(graphQl, driver);
        String member = flow.confirmedMembers(FlowFixture.DEMIN).getFirst();
        Actor secretary = TestTokens.user("李书记", Role.COMMUNITY_SECRETARY, Scope.none().community(FlowFixture.DEMIN));
        Actor elsewhere = TestTokens.user("王书记", Role.COMMUNITY_SECRETARY, Scope.none().community(FlowFixture.XIAOSHIQIAO));
        as(secretary).document("mutation { updateMember(input: {id: \"%s\", interests: [\"摄影\"]}) { member { phone } } }"
                .formatted(member)).execute().path("updateMember.member.phone").hasValue();
        as(elsewhere).document("{ member(id: \"%s\") { phone } }".formatted(member)).execute()
                .errors().satisfy(errors -> assertThat(errors).hasSize(1));

        List<Map<String, Object>> mine = entries("{actor: \"李书记\"}");
        assertThat(mine).extracting(e -> e.get("kind") + " " + e.get("operation") + " " + e.get("outcome"))
                .containsExactlyInAnyOrder("MUTATION updateMember OK", "READ personal data OK");
        assertThat(mine).allSatisfy(e -> assertThat((List<Object>) e.get("targets")).contains("MEMBER:" + member));
        assertThat(mine).allSatisfy(e -> assertThat(e.get("roles")).isEqualTo(List.of("COMMUNITY_SECRETARY")));
        assertThat(entries("{actor: \"王书记\"}")).singleElement().satisfies(e -> {
            assertThat(e.get("kind")).isEqualTo("REFUSED");
            assertThat(e.get("code")).isEqualTo("NOT_FOUND");
            assertThat(e.get("operation")).isEqualTo("Query.member");
        });
        assertThat(entries("{targetId: \"%s\", kind: MUTATION}".formatted(member))).hasSize(1);

        as(secretary).document("{ auditLog { edges { node { id } } } }").execute().errors()
                .satisfy(errors -> assertThat(errors.getFirst().getExtensions()).containsEntry("code", "FORBIDDEN"));
        graphQl.document("{ auditLog(filter: {from: \"yesterday\"}) { edges { node { id } } } }").execute().errors()
                .satisfy(errors -> assertThat(errors.getFirst().getExtensions()).containsEntry("code", "INVALID_DATE"));
        assertThat(schema.schema().getMutationType().getFieldDefinitions())
                .noneMatch(field -> field.getName().toLowerCase().contains("audit"));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> entries(String filter) {
        return graphQl.document("{ auditLog(filter: %s, first: 50) { edges { node { kind operation outcome code targets roles } } } }"
                .formatted(filter)).execute().path("auditLog.edges[*].node").entityList(Object.class).get().stream()
                .map(node -> (Map<String, Object>) node).toList();
    }
}
