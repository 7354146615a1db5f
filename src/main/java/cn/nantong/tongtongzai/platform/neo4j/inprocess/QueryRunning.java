package cn.nantong.tongtongzai.platform.neo4j.inprocess;

import java.util.Map;

import org.neo4j.driver.Query;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/** The driver's overloads of {@code run}, all through {@link #run(Query)}. */
abstract class QueryRunning implements SimpleQueryRunner {

    @Override
    public Result run(String query, Value parameters) {
        return run(new Query(query, parameters));
    }

    @Override
    public Result run(String query, Map<String, Object> parameters) {
        return run(new Query(query, parameters));
    }

    @Override
    public Result run(String query, Record parameters) {
        return run(new Query(query, parameters.asMap()));
    }

    @Override
    public Result run(String query) {
        return run(new Query(query));
    }
}
