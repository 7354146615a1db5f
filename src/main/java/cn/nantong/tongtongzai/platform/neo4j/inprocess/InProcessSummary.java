package cn.nantong.tongtongzai.platform.neo4j.inprocess;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.neo4j.driver.Query;
import org.neo4j.driver.summary.DatabaseInfo;
import org.neo4j.driver.summary.GqlStatusObject;
import org.neo4j.driver.summary.Notification;
import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.summary.ProfiledPlan;
import org.neo4j.driver.summary.QueryType;
import org.neo4j.driver.summary.ResultSummary;
import org.neo4j.driver.summary.ServerInfo;
import org.neo4j.driver.summary.SummaryCounters;
import org.neo4j.graphdb.QueryStatistics;

/** What the driver reports after a statement: the counters and the query type; no plans or notifications. */
record InProcessSummary(Query query, SummaryCounters counters, QueryType queryType, ServerInfo server,
        DatabaseInfo database) implements ResultSummary {

    private static final ServerInfo IN_PROCESS = new Server("in-process", "in-process", "Neo4j/embedded");

    static InProcessSummary of(Query query, org.neo4j.graphdb.Result result, String database) {
        QueryType type = switch (result.getQueryExecutionType().queryType()) {
            case READ_WRITE -> QueryType.READ_WRITE;
            case WRITE -> QueryType.WRITE_ONLY;
            case SCHEMA_WRITE -> QueryType.SCHEMA_WRITE;
            case READ_ONLY, DBMS -> QueryType.READ_ONLY;
        };
        return new InProcessSummary(query, Counters.of(result.getQueryStatistics()), type, IN_PROCESS, new Database(database));
    }

    @Override
    public boolean hasPlan() {
        return false;
    }

    @Override
    public boolean hasProfile() {
        return false;
    }

    @Override
    public Plan plan() {
        return null;
    }

    @Override
    public ProfiledPlan profile() {
        return null;
    }

    @Override
    public List<Notification> notifications() {
        return List.of();
    }

    @Override
    public Set<GqlStatusObject> gqlStatusObjects() {
        return Set.of();
    }

    @Override
    public long resultAvailableAfter(TimeUnit unit) {
        return -1;
    }

    @Override
    public long resultConsumedAfter(TimeUnit unit) {
        return -1;
    }

    record Server(String address, String protocolVersion, String agent) implements ServerInfo {
    }

    record Database(String name) implements DatabaseInfo {
    }

    record Counters(boolean containsUpdates, int nodesCreated, int nodesDeleted, int relationshipsCreated,
            int relationshipsDeleted, int propertiesSet, int labelsAdded, int labelsRemoved, int indexesAdded,
            int indexesRemoved, int constraintsAdded, int constraintsRemoved, boolean containsSystemUpdates,
            int systemUpdates) implements SummaryCounters {

        static Counters of(QueryStatistics s) {
            return new Counters(s.containsUpdates(), s.getNodesCreated(), s.getNodesDeleted(), s.getRelationshipsCreated(),
                    s.getRelationshipsDeleted(), s.getPropertiesSet(), s.getLabelsAdded(), s.getLabelsRemoved(),
                    s.getIndexesAdded(), s.getIndexesRemoved(), s.getConstraintsAdded(), s.getConstraintsRemoved(),
                    s.containsSystemUpdates(), s.getSystemUpdates());
        }
    }
}
