package cn.nantong.tongtongzai.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import cn.nantong.tongtongzai.platform.time.Period;
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

    @Test
    void timesAreNantongTimeAndDaysAreTyped() {
        database.loadTiny();
        String member = new FlowFixture(graphQl, driver).confirmedMembers(FlowFixture.DEMIN).getFirst();
        graphQl.document("mutation { updateMember(input: {id: \"%s\", interests: [\"摄影\"]}) { member { id } } }"
                .formatted(member)).execute();
        LocalDate today = LocalDate.now(Period.ZONE);
        String at = graphQl.document("query($from: Date, $to: Date) { auditLog(filter: {kind: MUTATION, from: $from, to: $to}) "
                        + "{ edges { node { at } } } }").variable("from", today.toString()).variable("to", today.toString())
                .execute().path("auditLog.edges[0].node.at").entity(String.class).get();
        assertThat(at).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?\\+08:00");
        assertThat(OffsetDateTime.parse(at).toLocalDate()).isEqualTo(today);
        graphQl.document("{ auditLog(filter: {from: \"%s\"}) { edges { node { at } } } }".formatted(today.plusDays(1)))
                .execute().path("auditLog.edges").entityList(Object.class).hasSize(0);

        // a day that is not one: refused before anything runs, with the code and a message naming the argument
        graphQl.document("{ auditLog(filter: {to: \"2026-02-30\"}) { edges { node { at } } } }").execute().errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("code", "INVALID_DATE");
                    assertThat(error.getMessage()).isEqualTo("filter.to 应为日期，格式 YYYY-MM-DD，如 2026-12-05。");
                }));
        graphQl.document("query($from: Date) { auditLog(filter: {from: $from}) { edges { node { at } } } }")
                .variable("from", "昨天").execute().errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("code", "INVALID_DATE");
                    assertThat(error.getMessage()).isEqualTo("$from 应为日期，格式 YYYY-MM-DD，如 2026-12-05。");
                }));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> entries(String filter) {
        return graphQl.document("{ auditLog(filter: %s, first: 50) { edges { node { kind operation outcome code targets roles } } } }"
                .formatted(filter)).execute().path("auditLog.edges[*].node").entityList(Object.class).get().stream()
                .map(node -> (Map<String, Object>) node).toList();
    }
}
