package cn.nantong.tongtongzai.analytics;

import static cn.nantong.tongtongzai.support.FlowFixture.DEMIN;
import static cn.nantong.tongtongzai.support.FlowFixture.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/** Figures over GraphQL on the tiny data set after one request went through the whole 四单 flow. */
class AnalyticsTest extends IntegrationTest {

    static final String FIGURES = """
            query($scope: ScopeLevel!, $id: ID, $period: ReportPeriod!) { figures(scope: $scope, id: $id, period: $period) {
              scope id name period from to roster registered reportingRate serving serviceRate serviceHours hoursPerMember
              hoursDistribution { label members } ratings satisfied satisfactionRate postsHeld
              area { requestsReceived requestsResolved medianHoursToResolve tasksByKind { kind count } emergencyTasks
                     membersMobilised servicePosts postsClaimed meetingProblems meetingProblemsResolved jointMeetingResolutionRate } } }""";

    @Autowired
    Driver driver;

    FlowFixture flow;
    FlowFixture.Served served;

    @BeforeEach
    void oneRequestServedAndRated() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        served = flow.servedAndRatedRequest();
        String record = flow.strings("MATCH (:Claim {id: $c})<-[:FOR_CLAIM]-(sr:ServiceRecord) RETURN sr.id", Map.of("c", served.claim()))
                .getFirst();
        flow.as(FlowFixture.SECRETARY).document("""
                        mutation($r: ID!) { correctServiceHours(input: {recordId: $r, hours: 1.5, reason: "按实际服务时间更正"}) {
                          record { hours } } }""")
                .variable("r", record).execute().path("correctServiceHours.record.hours").entity(Double.class).isEqualTo(1.5);
    }

    @Test
    void aCommunitysDashboardInOneRequest() {
        Map<String, Object> f = figures("COMMUNITY", DEMIN, "YEAR");
        long living = flow.count("""
                MATCH (:Community {id: $c})-[:HAS_COMMITTEE]->()-[:HAS_GENERAL_BRANCH]->()-[:HAS_GRID_BRANCH]->()
                      -[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->()<-[:LIVES_IN]-(m:Member) RETURN count(DISTINCT m)""", Map.of("c", DEMIN));
        long registered = flow.count("""
                MATCH (:Community {id: $c})-[:HAS_COMMITTEE]->()-[:HAS_GENERAL_BRANCH]->()-[:HAS_GRID_BRANCH]->()
                      -[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->()<-[:LIVES_IN]-(m:Member)
                WHERE (m)-[:REGISTERED]->(:Registration {state: 'CONFIRMED'}) RETURN count(DISTINCT m)""", Map.of("c", DEMIN));
        assertThat(f).containsEntry("name", "德民社区").containsEntry("period", "YEAR")
                .containsEntry("roster", (int) living).containsEntry("registered", (int) registered)
                .containsEntry("serving", 1).containsEntry("serviceHours", 1.5)
                .containsEntry("ratings", 3).containsEntry("satisfied", 1).containsEntry("satisfactionRate", 0.333);
        assertThat((Double) f.get("reportingRate")).isCloseTo((double) registered / living, within(0.001));
        assertThat((Double) f.get("serviceRate")).isCloseTo(1.0 / registered, within(0.001));
        assertThat(f.get("hoursDistribution")).isEqualTo(List.of(Map.of("label", "0", "members", (int) registered - 1),
                Map.of("label", "0–2", "members", 1), Map.of("label", "2–8", "members", 0),
                Map.of("label", "8–20", "members", 0), Map.of("label", "20+", "members", 0)));
        @SuppressWarnings("unchecked")
        Map<String, Object> area = (Map<String, Object>) f.get("area");
        assertThat(area).containsEntry("requestsReceived", 2).containsEntry("requestsResolved", 1)
                .containsEntry("tasksByKind", List.of(Map.of("kind", "MICRO_SERVICE", "count", 2)))
                .containsEntry("emergencyTasks", 0).containsEntry("membersMobilised", 0);
        assertThat((Double) area.get("medianHoursToResolve")).isNotNull().isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void figuresRollUpLevelByLevel() {
        Map<String, Object> city = children("CITY", null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> streets = (List<Map<String, Object>>) city.get("children");
        assertThat(streets).isNotEmpty().allSatisfy(s -> assertThat(s).containsEntry("scope", "STREET"));
        // the city asked on its own is computed directly; its streets, computed together, add up to it
        Map<String, Object> cityAlone = figures("CITY", null, "YEAR");
        for (String figure : List.of("roster", "registered", "serving", "ratings")) {
            assertThat(sum(streets, figure)).as(figure).isEqualTo(cityAlone.get(figure)).isEqualTo(city.get(figure));
        }
        assertThat(city).containsEntry("ratings", 3).containsEntry("serving", 1).containsEntry("name", "南通市");
        assertThat(cityAlone).containsEntry("ratings", 3).containsEntry("serving", 1).containsEntry("serviceHours", 1.5);

        String street = flow.strings("MATCH (s:Street)-[:HAS_COMMUNITY]->(:Community {id: $c}) RETURN s.id", Map.of("c", DEMIN)).getFirst();
        Map<String, Object> streetFigures = children("STREET", street);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> communities = (List<Map<String, Object>>) streetFigures.get("children");
        assertThat(sum(communities, "roster")).isEqualTo(streetFigures.get("roster"));
        assertThat(communities).filteredOn(c -> DEMIN.equals(c.get("id"))).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("serving", 1));

        Map<String, Object> community = children("COMMUNITY", DEMIN);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> grids = (List<Map<String, Object>>) community.get("children");
        assertThat(grids).isNotEmpty().allSatisfy(g -> assertThat(g).containsEntry("scope", "GRID"));
        assertThat(sum(grids, "roster")).isEqualTo(community.get("roster"));
        assertThat(sum(grids, "serving")).isEqualTo(1);
    }

    @Test
    void aUnitAndAFunctionalBranchCountTheirMembersWithoutAnArea() {
        String unit = flow.strings("MATCH (:Member {id: $m})-[:WORKS_AT]->(u:Unit) RETURN u.id", Map.of("m", served.member())).getFirst();
        assertThat(figures("UNIT", unit, "YEAR")).containsEntry("serving", 1).containsEntry("serviceHours", 1.5)
                .containsEntry("area", null);
        assertThat(figures("FUNCTIONAL_BRANCH", DEMIN + "-GN", "YEAR")).containsEntry("serving", 1).containsEntry("ratings", 3)
                .containsEntry("area", null);
    }

    @Test
    void aTrendGivesConsecutivePeriodsOldestFirst() {
        List<Map<String, Object>> trend = graphQl.document("""
                        query { figureTrend(scope: COMMUNITY, id: "320613001001", every: YEAR, periods: 3) {
                          from to serving serviceHours area { requestsReceived } } }""")
                .execute().path("figureTrend").entityList(Object.class).hasSize(3).get().stream()
                .map(o -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) o;
                    return m;
                }).toList();
        assertThat(trend.get(0)).containsEntry("serving", 0).containsEntry("serviceHours", 0.0);
        assertThat(trend.get(1)).containsEntry("serving", 0);
        assertThat(trend.get(2)).containsEntry("serving", 1).containsEntry("serviceHours", 1.5)
                .containsEntry("area", Map.of("requestsReceived", 2));
        for (int i = 1; i < trend.size(); i++) {
            assertThat(java.time.LocalDate.parse((String) trend.get(i).get("from")))
                    .isEqualTo(java.time.LocalDate.parse((String) trend.get(i - 1).get("to")).plusDays(1));
        }
    }

    @Test
    void inactiveMembersAndLaggingUnits() {
        List<String> inactive = graphQl.document("""
                        query { inactiveMembers(scope: COMMUNITY, id: "320613001001", days: 30, first: 100) { edges { node { id } } } }""")
                .execute().path("inactiveMembers.edges[*].node.id").entityList(String.class).get();
        assertThat(inactive).doesNotContain(served.member()).isNotEmpty()
                .allSatisfy(m -> assertThat(flow.count("""
                        MATCH (:Member {id: $m})-[:REGISTERED]->(:Registration {state: 'CONFIRMED'}) RETURN count(*)""",
                        Map.of("m", m))).isOne());

        List<Double> rates = graphQl.document("query { unitReportingRates(first: 100) { edges { node { unitId reportingRate } } } }")
                .execute().path("unitReportingRates.edges[*].node.reportingRate").entityList(Double.class).get();
        assertThat(rates).isNotEmpty().isSorted();
        // halfway between two different rates, so that rounding (3 decimals) cannot blur the boundary
        double threshold = (rates.getFirst() + rates.getLast()) / 2;
        long lower = rates.stream().filter(r -> r < threshold).count();
        assertThat(lower).isPositive().isLessThan(rates.size());
        graphQl.document("query($b: Float) { unitReportingRates(below: $b, first: 100) { edges { node { reportingRate } } } }")
                .variable("b", threshold).execute().path("unitReportingRates.edges[*].node.reportingRate").entityList(Double.class)
                .hasSize((int) lower);
    }

    @Test
    void refusals() {
        expectError(graphQl.document(FIGURES).variable("scope", "COMMUNITY").variable("id", "nowhere").variable("period", "MONTH")
                .execute(), "SCOPE_NOT_FOUND");
        expectError(graphQl.document(FIGURES).variable("scope", "UNIT").variable("period", "MONTH").execute(), "SCOPE_ID_REQUIRED");
        expectError(graphQl.document("query { figureTrend(scope: CITY, periods: 25) { from } }").execute(), "INVALID_PERIODS");
        expectError(graphQl.document("query { inactiveMembers(scope: CITY, days: 0) { edges { node { id } } } }").execute(), "INVALID_DAYS");
        expectError(graphQl.document("query { unitReportingRates(below: 2) { edges { node { unitId } } } }").execute(), "INVALID_RATE");
    }

    private Map<String, Object> figures(String scope, String id, String period) {
        @SuppressWarnings("unchecked")
        Map<String, Object> figures = graphQl.document(FIGURES).variable("scope", scope).variable("id", id).variable("period", period)
                .execute().path("figures").entity(Map.class).get();
        return figures;
    }

    private Map<String, Object> children(String scope, String id) {
        @SuppressWarnings("unchecked")
        Map<String, Object> figures = graphQl.document("""
                        query($scope: ScopeLevel!, $id: ID) { figures(scope: $scope, id: $id, period: YEAR) {
                          name roster registered serving ratings children { scope id roster registered serving ratings } } }""")
                .variable("scope", scope).variable("id", id).execute().path("figures").entity(Map.class).get();
        return figures;
    }

    private static int sum(List<Map<String, Object>> rows, String key) {
        return rows.stream().mapToInt(r -> (Integer) r.get(key)).sum();
    }
}
