package cn.nantong.tongtongzai.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/**
 * Lists that screens show as tables (issue 20): totalCount counts every page, orderBy sorts, and search finds parts
 * of Chinese names through the full-text indexes — checked against what Cypher says of the same graph.
 */
class TableListsTest extends IntegrationTest {

    @Autowired
    Driver driver;

    @BeforeEach
    void tinyCity() {
        database.loadTiny();
    }

    @Test
    void membersCountSortAndSearchByName() {
        assertThat(total("members", "", "")).isEqualTo(count("MATCH (m:Member) RETURN count(m)", Map.of()));
        List<String> names = names("members", "", "orderBy: {field: NAME, direction: DESC}", 100);
        assertThat(names).hasSize((int) count("MATCH (m:Member) RETURN count(m)", Map.of()))
                .isSortedAccordingTo(Comparator.<String>naturalOrder().reversed());

        String someone = strings("MATCH (m:Member) WHERE size(m.name) = 3 RETURN m.name ORDER BY m.id LIMIT 1").getFirst();
        String surname = someone.substring(0, 1);
        String given = someone.substring(1);
        // a surname finds names with it anywhere but at the end; a given name finds names containing it
        long withSurname = count("MATCH (m:Member) WHERE left(m.name, size(m.name) - 1) CONTAINS $s RETURN count(m)",
                Map.of("s", surname));
        assertThat(total("members", "filter: {search: \"" + surname + "\"}", "")).isEqualTo(withSurname);
        assertThat(names("members", "filter: {search: \"" + surname + "\"}", "", 100)).hasSize((int) Math.min(withSurname, 100))
                .allSatisfy(name -> assertThat(name.substring(0, name.length() - 1)).contains(surname)).contains(someone);
        assertThat(names("members", "filter: {search: \"" + given + "\"}", "", 100)).contains(someone)
                .allSatisfy(name -> assertThat(name).contains(given));
        assertThat(names("members", "filter: {search: \"" + given + " " + surname + "\"}", "", 100)).contains(someone)
                .allSatisfy(name -> assertThat(name).contains(given).contains(surname));
        assertThat(total("members", "filter: {search: \"" + given.charAt(1) + surname + "\"}", "")).isZero();
        // search narrows the other filters, and the count follows
        String community = "320613001001";
        assertThat(total("members", "filter: {communityId: \"" + community + "\", search: \"" + surname + "\"}", ""))
                .isEqualTo(count("""
                        MATCH (:Community {id: $c})-[:HAS_COMMITTEE]->()-[:HAS_GENERAL_BRANCH]->()-[:HAS_GRID_BRANCH]->()
                              -[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->()<-[:LIVES_IN]-(m:Member)
                        WHERE left(m.name, size(m.name) - 1) CONTAINS $s RETURN count(m)""", Map.of("c", community, "s", surname)));
    }

    @Test
    void aNestedListHasNoCountOfItsOwn() {
        Map<String, Object> answer = graphQl.document("""
                { units(first: 1) { totalCount edges { node { members(first: 1) { totalCount } } } } }""")
                .execute().path("units").entity(Map.class).get();
        assertThat(answer.get("totalCount")).isEqualTo((int) count("MATCH (u:Unit) RETURN count(u)", Map.of()));
        assertThat(answer.toString()).contains("members={totalCount=null}");
    }

    @Test
    void residentsRegistrationsAndUnitsToo() {
        String community = "320613001001";
        assertThat(total("residents", "filter: {communityId: \"" + community + "\"}", "")).isEqualTo(count("""
                MATCH (:Community {id: $c})-[:HAS_GRID]->()<-[:SERVES_GRID]-()-[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->()
                      <-[:LIVES_IN]-(x:Resident) RETURN count(x)""", Map.of("c", community)));
        List<String> residents = names("residents", "filter: {communityId: \"" + community + "\"}",
                "orderBy: {field: NAME}", 100);
        assertThat(residents).isSorted();
        String resident = residents.getFirst();
        assertThat(names("residents", "filter: {communityId: \"" + community + "\", search: \"" + resident + "\"}", "", 100))
                .contains(resident).allSatisfy(name -> assertThat(name).contains(resident));

        assertThat(total("units", "", "")).isEqualTo(count("MATCH (u:Unit) RETURN count(u)", Map.of()));
        String unit = strings("MATCH (u:Unit) RETURN u.name ORDER BY u.id LIMIT 1").getFirst();
        String part = unit.substring(0, 2);
        assertThat(total("units", "filter: {search: \"" + part + "\"}", ""))
                .isEqualTo(count("MATCH (u:Unit) WHERE u.name CONTAINS $p RETURN count(u)", Map.of("p", part)));

        long registered = count("MATCH (:Community {id: $c})<-[:WITH_COMMUNITY]-(r:Registration) RETURN count(r)",
                Map.of("c", community));
        assertThat(registered).isPositive();
        Map<String, Object> queue = graphQl.document("""
                { registrations(filter: {communityId: "%s"}, orderBy: {field: REGISTERED_AT, direction: DESC}, first: 100) {
                    totalCount edges { node { registeredAt member { name } } } } }""".formatted(community))
                .execute().path("registrations").entity(Map.class).get();
        assertThat(queue.get("totalCount")).isEqualTo((int) registered);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        assertThat(graphQl.document("""
                { registrations(filter: {communityId: "%s", from: "2000-01-01", to: "%s"}) { totalCount } }""".formatted(community, today))
                .execute().path("registrations.totalCount").entity(Integer.class).get()).isEqualTo((int) registered);
        assertThat(graphQl.document("""
                { registrations(filter: {communityId: "%s", to: "2000-01-01"}) { totalCount } }""".formatted(community))
                .execute().path("registrations.totalCount").entity(Integer.class).get()).isZero();
        List<String> at = new ArrayList<>();
        for (Object edge : (List<?>) queue.get("edges")) {
            at.add(String.valueOf(((Map<?, ?>) ((Map<?, ?>) edge).get("node")).get("registeredAt")));
        }
        assertThat(at).hasSize((int) registered);
    }

    @Test
    void requestsTasksAndTheAuditLogByText() {
        String resident = strings("MATCH (x:Resident)-[:LIVES_IN]->(:MicroGrid {id: '320613001001-W01-P1-M01'}) RETURN x.id LIMIT 1")
                .getFirst();
        for (String text : List.of("楼道灯坏了", "水管漏水需要维修", "想学用手机挂号")) {
            graphQl.document("mutation($r: ID!, $t: String!) { postRequest(input: {residentId: $r, text: $t}) { request { id } } }")
                    .variable("r", resident).variable("t", text).execute().path("postRequest.request.id").hasValue();
        }
        assertThat(total("requests", "filter: {communityId: \"320613001001\"}", "")).isEqualTo(3);
        assertThat(total("requests", "filter: {search: \"水管\"}", "")).isOne();
        assertThat(total("requests", "filter: {search: \"灯\"}", "")).isOne();
        assertThat(total("requests", "filter: {search: \"管水\"}", "")).isZero();
        assertThat(graphQl.document("{ requests(orderBy: {field: SUBMITTED_AT}) { edges { node { text } } } }").execute()
                .path("requests.edges[*].node.text").entityList(String.class).get())
                .containsExactly("楼道灯坏了", "水管漏水需要维修", "想学用手机挂号");

        var flow = new cn.nantong.tongtongzai.support.FlowFixture(graphQl, driver);
        String later = flow.draft(2, 600);
        String sooner = flow.draft(2, 300);
        assertThat(total("tasks", "filter: {communityId: \"320613001001\", search: \"维修\"}", "")).isEqualTo(2);
        assertThat(total("tasks", "filter: {search: \"助老\"}", "")).isZero();
        assertThat(graphQl.document("{ tasks(orderBy: {field: STARTS_AT}) { edges { node { id } } } }").execute()
                .path("tasks.edges[*].node.id").entityList(String.class).get()).containsExactly(sooner, later);
        // date ranges are whole days in Nantong: today's requests, and no task starts before today
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String yesterday = java.time.LocalDate.parse(today).minusDays(1).toString();
        assertThat(total("requests", "filter: {from: \"" + today + "\", to: \"" + today + "\"}", "")).isEqualTo(3);
        assertThat(total("requests", "filter: {to: \"" + yesterday + "\"}", "")).isZero();
        assertThat(total("tasks", "filter: {to: \"" + yesterday + "\"}", "")).isZero();
        assertThat(total("tasks", "filter: {from: \"" + today + "\"}", "")).isEqualTo(2);
        graphQl.document("{ tasks(filter: {from: \"" + today + "\", to: \"" + yesterday + "\"}) { totalCount } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_DATE")));

        long mine = count("MATCH (e:AuditEntry {actor: 'test-admin'}) RETURN count(e)", Map.of());
        assertThat(mine).isGreaterThanOrEqualTo(5);
        assertThat(total("auditLog", "filter: {search: \"test-admin\"}", "")).isEqualTo(mine);
        assertThat(total("auditLog", "filter: {search: \"postRequest\"}", "")).isEqualTo(3);
        assertThat(graphQl.document("{ auditLog(filter: {operation: \"postRequest\"}, order: ASC) { edges { node { at } } } }")
                .execute().path("auditLog.edges[*].node.at").entityList(String.class).get()).isSorted();
    }

    @Test
    void searchesAreCheckedAndAnalystsDoNotSearchNames() {
        graphQl.document("{ members(filter: {search: \"" + "张".repeat(51) + "\"}) { totalCount } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_SEARCH")));
        graphQl.document("{ members(filter: {search: \"*?()\"}) { totalCount } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_SEARCH")));
        var analyst = as(TestTokens.user("analyst", Role.ANALYST, Scope.none()));
        for (String document : List.of("{ members(filter: {search: \"张\"}) { totalCount } }",
                "{ members(orderBy: {field: NAME}) { totalCount } }")) {
            analyst.document(document).execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                    .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
        }
    }

    private long total(String list, String filter, String order) {
        String arguments = String.join(", ", List.of(filter, order).stream().filter(a -> !a.isEmpty()).toList());
        return ((Number) graphQl.document("{ " + list + (arguments.isEmpty() ? "" : "(" + arguments + ")") + " { totalCount } }")
                .execute().path(list + ".totalCount").entity(Integer.class).get()).longValue();
    }

    private List<String> names(String list, String filter, String order, int first) {
        String arguments = String.join(", ", List.of(filter, order, "first: " + first).stream().filter(a -> !a.isEmpty()).toList());
        return graphQl.document("{ " + list + "(" + arguments + ") { edges { node { name } } } }").execute()
                .path(list + ".edges[*].node.name").entityList(String.class).get();
    }

    private long count(String cypher, Map<String, Object> parameters) {
        return driver.executableQuery(cypher).withParameters(parameters).execute().records().getFirst().get(0).asLong();
    }

    private List<String> strings(String cypher) {
        return driver.executableQuery(cypher).execute().records().stream().map(r -> r.get(0).asString()).toList();
    }
}
