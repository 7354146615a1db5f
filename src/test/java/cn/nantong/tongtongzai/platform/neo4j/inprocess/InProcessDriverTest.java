package cn.nantong.tongtongzai.platform.neo4j.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.neo4j.driver.RoutingControl;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.TransientException;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path.Segment;
import org.neo4j.driver.types.Relationship;

import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4j;
import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4jProperties;
import cn.nantong.tongtongzai.support.FreePort;

/**
 * The in-process driver answers as the Bolt driver does, on the same database: the same values for every
 * type Cypher returns, the same parameters accepted, the same exception classes and status codes, the same
 * transaction rules. Each check runs through both drivers and compares.
 */
class InProcessDriverTest {

    @TempDir
    static Path store;

    static EmbeddedNeo4j neo4j;
    static Driver bolt;
    static InProcessDriver inProcess;

    @BeforeAll
    static void start() {
        neo4j = EmbeddedNeo4j.start(EmbeddedNeo4jProperties.at(store, FreePort.find()));
        bolt = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic("neo4j", neo4j.password().orElseThrow()));
        inProcess = InProcessDriver.of(neo4j.database());
        bolt.executableQuery("CREATE CONSTRAINT street_id IF NOT EXISTS FOR (s:Street) REQUIRE s.id IS UNIQUE").execute();
    }

    @AfterAll
    static void stop() {
        inProcess.close();
        bolt.close();
        neo4j.close();
    }

    @BeforeEach
    void graph() {
        bolt.executableQuery("MATCH (n) DETACH DELETE n").execute();
        bolt.executableQuery("""
                CREATE (s:Street:Place {id: '320613001', name: '城东街道', tags: ['老城', '滨江'], scores: [1.5, 2.5],
                        founded: date('1998-05-01'), population: 52000, active: true})
                       -[:HAS {since: datetime('2026-01-01T09:00:00+08:00'), weight: 0.5}]->
                       (:Community {id: '320613001001', name: '德民社区'})""").execute();
    }

    @Test
    void everyKindOfValueReadsTheSameAsOverBolt() {
        List<String> queries = List.of(
                "MATCH (s:Street)-[r:HAS]->(c) RETURN s, r, c",
                "MATCH p = (:Street)-[:HAS]->() RETURN p",
                "MATCH (s:Street) RETURN s.tags AS tags, s.scores AS scores, s {.*} AS all, labels(s) AS labels",
                "RETURN 1 AS i, -9007199254740993 AS big, 1.5 AS f, '通通在' AS s, true AS b, null AS n,"
                        + " [1, 'a', null, [2]] AS l, {k: [1, 2], m: {x: 1, y: null}} AS m",
                "RETURN date('2026-11-30') AS d, datetime('2026-11-30T09:00:00+08:00') AS dt,"
                        + " datetime('2026-11-30T09:00:00[Asia/Shanghai]') AS zoned, localdatetime('2026-11-30T09:00') AS ldt,"
                        + " time('09:00:00+08:00') AS t, localtime('09:00') AS lt, duration('P1Y2M3DT4H5M6.007S') AS dur",
                "RETURN point({x: 1.5, y: 2}) AS cartesian, point({longitude: 120.9, latitude: 32.0}) AS geo,"
                        + " point({x: 1, y: 2, z: 3}) AS three",
                "UNWIND range(1, 3) AS x RETURN x, x * x AS square ORDER BY x",
                "MATCH (n:Nothing) RETURN n");
        for (String query : queries) {
            assertThat(rows(inProcess, query, Map.of())).as(query).isEqualTo(rows(bolt, query, Map.of()));
        }
    }

    @Test
    void parametersOfEveryKindAreTakenAsOverBolt() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("text", "德民");
        parameters.put("number", 42L);
        parameters.put("fraction", 0.25);
        parameters.put("flag", false);
        parameters.put("nothing", null);
        parameters.put("list", List.of("a", 1L, List.of(true)));
        parameters.put("map", Map.of("ids", List.of("320613001"), "nested", Map.of("x", 1L)));
        parameters.put("when", ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.ofHours(8)));
        parameters.put("day", java.time.LocalDate.of(2026, 11, 30));
        String query = "RETURN $text AS text, $number + 1 AS number, $fraction AS fraction, $flag AS flag, $nothing AS nothing,"
                + " $list AS list, $map AS map, $when AS when, $when + duration('PT1H') AS later, $day AS day,"
                + " COLLECT { MATCH (s:Street) WHERE s.id IN $map.ids RETURN s.name } AS names";
        assertThat(rows(inProcess, query, parameters)).isEqualTo(rows(bolt, query, parameters));
    }

    @Test
    void writesCountAndCommitAsOverBolt() {
        var viaBolt = bolt.executableQuery("CREATE (:Grid {id: 'a'})-[:IN]->(:Grid {id: 'b', n: 1})").execute().summary().counters();
        var inside = inProcess.executableQuery("CREATE (:Grid {id: 'c'})-[:IN]->(:Grid {id: 'd', n: 1})").execute().summary().counters();
        assertThat(List.of(inside.nodesCreated(), inside.relationshipsCreated(), inside.propertiesSet(), inside.labelsAdded()))
                .isEqualTo(List.of(viaBolt.nodesCreated(), viaBolt.relationshipsCreated(), viaBolt.propertiesSet(), viaBolt.labelsAdded()));
        assertThat(count(bolt, "Grid")).isEqualTo(4);
    }

    @Test
    void failuresHaveTheDriversClassesAndTheServersCodes() {
        List<String> failing = List.of(
                "CREATE (:Street {id: '320613001'})", // the uniqueness constraint
                "MATCH (n RETURN n",                  // syntax
                "RETURN 1 / 0",                       // arithmetic
                "RETURN $missing");                   // a parameter not given
        for (String query : failing) {
            Neo4jException viaBolt = failure(() -> bolt.executableQuery(query).execute());
            Neo4jException inside = failure(() -> inProcess.executableQuery(query).execute());
            assertThat(inside.getClass()).as(query).isEqualTo(viaBolt.getClass());
            assertThat(inside.code()).as(query).isEqualTo(viaBolt.code());
        }
    }

    @Test
    void readTransactionsRefuseWritesAsAServerDoes() {
        for (Driver driver : List.of(bolt, inProcess)) {
            assertThatThrownBy(() -> driver.executableQuery("CREATE (:Grid {id: 'x'})")
                    .withConfig(QueryConfig.builder().withRouting(RoutingControl.READ).build()).execute())
                    .isInstanceOf(ClientException.class);
            try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
                assertThatThrownBy(() -> session.executeRead(tx -> tx.run("CREATE (:Grid {id: 'y'})").consume()))
                        .isInstanceOf(ClientException.class);
            }
        }
        assertThat(count(bolt, "Grid")).isZero();
    }

    @Test
    void workNotCommittedIsRolledBack() {
        try (Session session = inProcess.session()) {
            Transaction tx = session.beginTransaction();
            tx.run("CREATE (:Grid {id: 'closed'})");
            tx.close();
            Transaction rolledBack = session.beginTransaction();
            rolledBack.run("CREATE (:Grid {id: 'rolled back'})");
            rolledBack.rollback();
            session.beginTransaction().run("CREATE (:Grid {id: 'session closed'})");
        }
        assertThat(count(bolt, "Grid")).isZero();
    }

    @Test
    void aTransactionWithAFailedStatementCannotCommit() {
        try (Session session = inProcess.session(); Transaction tx = session.beginTransaction()) {
            tx.run("CREATE (:Grid {id: 'before'})");
            assertThatThrownBy(() -> tx.run("CREATE (:Street {id: '320613001'})")).isInstanceOf(ClientException.class);
            assertThatThrownBy(tx::commit).isInstanceOf(ClientException.class);
        }
        assertThat(count(bolt, "Grid")).isZero();
    }

    @Test
    void oneTransactionAtATimePerSessionAsWithTheDriver() {
        try (Session session = inProcess.session(); Transaction tx = session.beginTransaction()) {
            assertThatThrownBy(session::beginTransaction).isInstanceOf(ClientException.class);
            assertThatThrownBy(() -> session.run("RETURN 1")).isInstanceOf(ClientException.class);
            tx.commit();
        }
    }

    @Test
    void autoCommitAndExplicitTransactionsSeeTheirOwnWrites() {
        try (Session session = inProcess.session()) {
            session.run("CREATE (:Grid {id: 'auto'})");
            try (Transaction tx = session.beginTransaction()) {
                tx.run("CREATE (:Grid {id: 'explicit'})");
                assertThat(tx.run("MATCH (g:Grid) RETURN count(g) AS n").single().get("n").asLong()).isEqualTo(2);
                tx.commit();
            }
        }
        assertThat(count(bolt, "Grid")).isEqualTo(2);
        assertThat(inProcess.statementsRun()).isPositive();
    }

    @Test
    void managedTransactionsRunAgainAfterATransientFailureWithinTheRetryTime() {
        AtomicInteger attempts = new AtomicInteger();
        try (Session session = inProcess.session()) {
            long grids = session.executeWrite(tx -> {
                tx.run("CREATE (:Grid {id: 'retried'})");
                if (attempts.incrementAndGet() == 1) {
                    throw new TransientException("Neo.TransientError.Transaction.DeadlockDetected", "a deadlock, as the database reports one");
                }
                return tx.run("MATCH (g:Grid) RETURN count(g) AS n").single().get("n").asLong();
            });
            assertThat(grids).as("the first attempt's write was rolled back").isEqualTo(1);
        }
        assertThat(attempts).hasValue(2);

        InProcessDriver noRetries = InProcessDriver.of(neo4j.database(), Duration.ZERO);
        AtomicInteger once = new AtomicInteger();
        try (Session session = noRetries.session()) {
            assertThatThrownBy(() -> session.executeWrite(tx -> {
                once.incrementAndGet();
                throw new TransientException("Neo.TransientError.Transaction.DeadlockDetected", "again");
            })).isInstanceOf(TransientException.class);
        }
        assertThat(once).hasValue(1);
    }

    // ---------------------------------------------------------------- helpers

    private static long count(Driver driver, String label) {
        return driver.executableQuery("MATCH (n:" + label + ") RETURN count(n) AS n").execute().records().getFirst().get("n").asLong();
    }

    private static Neo4jException failure(Runnable work) {
        try {
            work.run();
        } catch (Neo4jException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    private static List<Map<String, Object>> rows(Driver driver, String query, Map<String, Object> parameters) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Session session = driver.session()) {
            session.executeRead(tx -> {
                var result = tx.run(query, parameters);
                for (Record record : result.list()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    record.keys().forEach(key -> row.put(key, plain(record.get(key))));
                    rows.add(row);
                }
                return null;
            });
        }
        return rows;
    }

    /** What a caller can see of a value, comparable with equals (the driver's nodes compare by id only). */
    private static Object plain(Value value) {
        return switch (value.type().name()) {
            case "NODE" -> {
                Node n = value.asNode();
                yield List.of("node", n.elementId(), n.id(), List.copyOf((java.util.Collection<String>) n.labels()),
                        n.asMap(InProcessDriverTest::plain));
            }
            case "RELATIONSHIP" -> relationship(value.asRelationship());
            case "PATH" -> {
                List<Object> segments = new ArrayList<>();
                for (Segment s : value.asPath()) {
                    segments.add(List.of(s.start().elementId(), relationship(s.relationship()), s.end().elementId()));
                }
                yield segments;
            }
            case "LIST OF ANY?" -> value.asList(InProcessDriverTest::plain);
            case "MAP" -> value.asMap(InProcessDriverTest::plain);
            default -> List.of(value.type().name(), String.valueOf(value.asObject()));
        };
    }

    private static Object relationship(Relationship r) {
        return List.of("relationship", r.elementId(), r.type(), r.startNodeElementId(), r.endNodeElementId(),
                r.asMap(InProcessDriverTest::plain));
    }
}
