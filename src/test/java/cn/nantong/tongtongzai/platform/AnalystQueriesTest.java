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
        new FlowFixture(graphQl, driver).servedAndRatedRequest();
        // the other request has waited ten days: overdue (overdue-requests.cypher)
        database.write("MATCH (r:Request {state: 'SUBMITTED'}) WITH r ORDER BY r.id LIMIT 1 SET r.submittedAt = r.submittedAt - duration('P10D')");
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
