package cn.nantong.tongtongzai.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/** Every file in cypher/queries runs, with the example parameters its header gives, and finds something. */
class AnalystQueriesTest extends IntegrationTest {

    private static final Pattern EXAMPLE_PARAM = Pattern.compile(":param (\\w+) => '([^']*)'");

    @Autowired
    Driver driver;


    @BeforeEach
    void tinyCityWithOneGroupWithoutLeader() {
        database.loadTiny();
        database.write("MATCH ()-[d:DEPUTY_SECRETARY_OF]->() WITH d LIMIT 1 DELETE d");
        servedAndRatedRequest();
    }

    /** One request served through the whole 四单 flow over GraphQL, rated 2, 2 and 5: an interview case. */
    private void servedAndRatedRequest() {
        FlowFixture flow = new FlowFixture(graphQl, driver);
        String member = flow.confirmedMembers(FlowFixture.DEMIN).getFirst();
        String resident = flow.strings("""
                MATCH (:Community {id: $c})-[:HAS_COMMITTEE]->()-[:HAS_GENERAL_BRANCH]->()-[:HAS_GRID_BRANCH]->()
                      -[:HAS_PARTY_GROUP]->()-[:HAS_MICRO_GRID]->()<-[:LIVES_IN]-(r:Resident) RETURN r.id ORDER BY r.id LIMIT 1""",
                Map.of("c", FlowFixture.DEMIN)).getFirst();
        String request = graphQl.document("mutation($r: ID!) { postRequest(input: {residentId: $r, text: \"楼道灯坏了\"}) { request { id } } }")
                .variable("r", resident).execute().path("postRequest.request.id").entity(String.class).get();
        graphQl.document("mutation($r: ID!) { postRequest(input: {residentId: $r, text: \"想学用手机挂号\"}) { request { id } } }")
                .variable("r", resident).execute();
        String task = graphQl.document("""
                        mutation($id: ID!, $start: String!, $end: String!) { acceptRequest(input: {requestId: $id, newTask: {
                          title: "更换楼道灯", kind: MICRO_SERVICE, difficulty: 1, headcount: 2, startsAt: $start, endsAt: $end,
                          skillIds: ["plumbing_electrical"]}}) { request { task { id } } } }""")
                .variable("id", request).variable("start", FlowFixture.at(-30)).variable("end", FlowFixture.at(90))
                .execute().path("acceptRequest.request.task.id").entity(String.class).get();
        flow.transition("publishTask", task);
        String code = flow.verificationCode(task);
        String claim = flow.claimId(task, member);
        flow.check("checkIn", claim, code);
        flow.check("checkOut", claim, code);
        String open = flow.published(3, 120);
        flow.claimId(open, flow.confirmedMembers(FlowFixture.DEMIN).get(1));
        flow.transition("completeTask", task);
        String rate = "mutation($c: ID!, $role: RaterRole!, $rater: ID!, $s: Int!) { rateClaim(input: {claimId: $c, raterRole: $role, raterId: $rater, score: $s}) { evaluation { id } } }";
        graphQl.document(rate).variable("c", claim).variable("role", "RESIDENT").variable("rater", resident).variable("s", 2).execute();
        graphQl.document(rate).variable("c", claim).variable("role", "COMMUNITY").variable("rater", FlowFixture.DEMIN).variable("s", 2).execute();
        graphQl.document(rate).variable("c", claim).variable("role", "FUNCTIONAL_BRANCH").variable("rater", FlowFixture.DEMIN + "-GN").variable("s", 5).execute();
    }

    static Stream<Resource> queries() throws IOException {
        return Stream.of(new PathMatchingResourcePatternResolver().getResources("classpath:cypher/queries/*.cypher"));
    }

    @ParameterizedTest
    @MethodSource("queries")
    void runsWithItsExampleParameters(Resource query) throws IOException {
        String text = query.getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).as("first line says what it answers").startsWith("// ");
        assertThat(text).as("header names its parameters").contains("// Parameters:");

        Map<String, Object> parameters = new HashMap<>();
        Matcher example = EXAMPLE_PARAM.matcher(text);
        while (example.find()) {
            parameters.put(example.group(1), example.group(2));
        }
        List<?> rows = driver.executableQuery(text.strip().replaceAll(";$", "")).withParameters(parameters)
                .execute().records();
        assertThat(rows).isNotEmpty();
    }
}
