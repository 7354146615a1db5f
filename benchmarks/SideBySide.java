import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * Issue 26: the same questions asked of the service (GraphQL over HTTP with a bearer token, as the city
 * administrator and as a scoped role), of hand-written Cypher over Bolt on the same embedded database, and of
 * @neo4j/graphql (benchmarks/peer) over HTTP. For each query it first checks that the three answers are the same
 * after normalising (same ids, same numbers; it stops if not), then per system: `sequential` requests one at a time
 * after a warm-up → p50/p95, and `clients` clients for `seconds` → req/s and errors. Prints one table with the ratios.
 *
 * Usage: java -cp <test classpath> benchmarks/SideBySide.java serviceUrl boltUri peerUrl [sequential=500]
 *        [clients=8] [seconds=20] [queries=streets,members,counts,claims,dashboard,recommend]
 * Environment: BOLT_PASSWORD; ADMIN_TOKEN; JAVA_BIN and JAR to make the scoped roles' tokens for the ids it picks.
 */
public class SideBySide {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final int WARM_UP = 200;

    /** One way of asking: a request that returns the answer normalised (so it can be compared). */
    interface Asker {
        JsonNode ask() throws Exception;
    }

    record Role(String name, String token) {
    }

    /** A query: its documents for the service and the peer, its Cypher, what each answer normalises to. */
    record Query(String name, List<Role> roles, String serviceDocument, Function<JsonNode, JsonNode> fromService,
            String cypher, Function<List<Record>, JsonNode> fromCypher, String peerDocument, Function<JsonNode, JsonNode> fromPeer,
            Map<String, Object> variables) {
    }

    record Figures(double p50, double p95, double perSecond, long errors, long done) {
    }

    static Driver bolt;

    public static void main(String[] args) throws Exception {
        String serviceUrl = args[0];
        String boltUri = args[1];
        String peerUrl = args[2];
        int sequential = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        Set<String> chosen = Set.of((args.length > 6 ? args[6] : "streets,members,counts,claims,dashboard,recommend").split(","));
        bolt = GraphDatabase.driver(boltUri, AuthTokens.basic("neo4j", System.getenv("BOLT_PASSWORD")),
                Config.builder().withLogging(Logging.none()).build());
        bolt.verifyConnectivity();
        Role admin = new Role("city administrator", System.getenv("ADMIN_TOKEN"));

        statsCall("stop");
        Ids ids = Ids.pick();
        System.out.println("picked: " + ids);
        Role secretary = new Role("community secretary", token("--role=COMMUNITY_SECRETARY", "--community=" + ids.community));
        Role taskSecretary = new Role("community secretary", token("--role=COMMUNITY_SECRETARY", "--community=" + ids.taskCommunity));
        Role recommendSecretary = new Role("community secretary",
                token("--role=COMMUNITY_SECRETARY", "--community=" + ids.recommendCommunity));
        Role streetAdmin = new Role("street administrator", token("--role=STREET_ADMIN", "--street=" + ids.street));

        List<Query> queries = new ArrayList<>();
        for (Query q : Queries.all(ids, admin, secretary, streetAdmin, taskSecretary, recommendSecretary)) {
            if (chosen.contains(q.name().split(":")[0])) {
                queries.add(q);
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (Query q : queries) {
            System.out.printf("%n== %s%n", q.name());
            Asker raw = q.cypher() == null ? null : () -> q.fromCypher().apply(cypher(q.cypher(), q.variables()));
            Asker peer = q.peerDocument() == null ? null : () -> q.fromPeer().apply(graphQl(peerUrl, null, q.peerDocument(), q.variables()));
            JsonNode expected = null;
            if (raw != null) {
                expected = raw.ask();
            }
            for (Role role : q.roles()) {
                JsonNode got = q.fromService().apply(graphQl(serviceUrl, role.token(), q.serviceDocument(), q.variables()));
                expected = same("service as " + role.name(), got, "raw Cypher", expected);
            }
            if (peer != null) {
                same("@neo4j/graphql", peer.ask(), "the others", expected);
            }
            System.out.println("answers identical: " + summary(expected));
            Map<String, String> statements = new LinkedHashMap<>();
            for (Role role : q.roles()) {
                statements.put(role.name(), statements("service as " + role.name(),
                        () -> graphQl(serviceUrl, role.token(), q.serviceDocument(), q.variables())));
            }
            String peerStatements = peer == null ? "—" : statements("@neo4j/graphql", peer);
            Figures rawFigures = raw == null ? null : measure("raw Cypher", raw, sequential, clients, seconds);
            Figures peerFigures = peer == null ? null : measure("@neo4j/graphql", peer, sequential, clients, seconds);
            for (Role role : q.roles()) {
                Figures service = measure("service as " + role.name(),
                        () -> q.fromService().apply(graphQl(serviceUrl, role.token(), q.serviceDocument(), q.variables())),
                        sequential, clients, seconds);
                rows.add(row(q.name(), role.name(), service, rawFigures, peerFigures, statements.get(role.name()), peerStatements));
            }
        }
        bolt.close();
        printTable(rows, sequential, clients, seconds);
    }

    // ---- asking

    static JsonNode graphQl(String url, String token, String document, Map<String, Object> variables) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", document);
        body.set("variables", JSON.valueToTree(variables));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200 || answer.has("errors")) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(600, response.body().length())));
        }
        return answer.get("data");
    }

    static List<Record> cypher(String statement, Map<String, Object> parameters) {
        try (Session session = bolt.session()) {
            return session.executeRead(tx -> tx.run(statement, parameters).list());
        }
    }

    static String token(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getenv("JAVA_BIN"), "-jar", System.getenv("JAR"), "token"));
        command.addAll(List.of(options));
        command.add("--sub=side-by-side");
        command.add("--hours=12");
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes()).trim();
        if (process.waitFor() != 0 || out.isEmpty()) {
            throw new IllegalStateException("token " + String.join(" ", options) + " failed");
        }
        return out.lines().reduce((a, b) -> b).orElseThrow();
    }

    static JsonNode same(String who, JsonNode got, String than, JsonNode expected) {
        if (expected == null) {
            return got;
        }
        if (!canon(got).equals(canon(expected))) {
            throw new IllegalStateException("answers differ: " + who + " gave\n  " + canon(got) + "\n" + than + " gave\n  "
                    + canon(expected));
        }
        return expected;
    }

    /** Numbers compare by value whatever their JSON type (a long from Bolt, an int from JSON). */
    static String canon(JsonNode node) {
        if (node.isNumber()) {
            return node.isIntegralNumber() || node.asDouble() == Math.rint(node.asDouble())
                    ? Long.toString(node.asLong()) : Double.toString(node.asDouble());
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(canon(n)));
            return "[" + String.join(",", items) + "]";
        }
        if (node.isObject()) {
            List<String> items = new ArrayList<>();
            node.fieldNames().forEachRemaining(f -> items.add(f + ":" + canon(node.get(f))));
            items.sort(Comparator.naturalOrder());
            return "{" + String.join(",", items) + "}";
        }
        return node.isNull() ? "null" : node.asText();
    }

    static String summary(JsonNode answer) {
        if (answer == null) {
            return "(no raw or peer answer to compare; service roles agree)";
        }
        String text = canon(answer);
        return text.length() > 160 ? text.substring(0, 160) + "… (" + text.length() + " characters)" : text;
    }

    // ---- statements: what the database ran for one request (its query collector, off while timing)

    static final int COUNTED = 20;

    /** Statements per request and database execution time per request, with the costliest statements printed. */
    static String statements(String who, Asker asker) throws Exception {
        for (int i = 0; i < COUNTED; i++) {
            asker.ask();
        }
        statsCall("clear");
        statsCall("collect");
        for (int i = 0; i < COUNTED; i++) {
            asker.ask();
        }
        statsCall("stop");
        record Statement(String text, long count, double micros) {
        }
        List<Statement> ran = new ArrayList<>();
        try (Session session = bolt.session()) {
            for (Record r : session.run("CALL db.stats.retrieve('QUERIES') YIELD data RETURN data").list()) {
                Map<String, Object> data = r.get("data").asMap();
                Map<?, ?> summary = (Map<?, ?>) data.get("invocationSummary");
                long count = ((Number) summary.get("invocationCount")).longValue();
                double average = ((Number) ((Map<?, ?>) summary.get("executionTimeInUs")).get("avg")).doubleValue();
                if (count >= COUNTED) { // what runs once in a while in the background (a scheduler's statement) is not the request's
                    ran.add(new Statement(String.valueOf(data.get("query")).replaceAll("\\s+", " "), count, count * average));
                }
            }
        }
        ran.sort(Comparator.comparingDouble(Statement::micros).reversed());
        double perRequest = ran.stream().mapToLong(Statement::count).sum() / (double) COUNTED;
        double millis = ran.stream().mapToDouble(Statement::micros).sum() / COUNTED / 1000;
        System.out.printf("%-36s %.1f statements per request, %.1f ms in the database per request%n", who, perRequest, millis);
        ran.stream().limit(4).forEach(s -> System.out.printf("    %5.1f× %6.2f ms  %s%n", s.count() / (double) COUNTED,
                s.micros() / s.count() / 1000, s.text().substring(0, Math.min(150, s.text().length()))));
        return String.format("%.1f (%.1f)", perRequest, millis);
    }

    static void statsCall(String what) {
        try (Session session = bolt.session()) {
            session.run("CALL db.stats." + what + "('QUERIES')").consume();
        }
    }

    // ---- measuring

    static Figures measure(String who, Asker asker, int sequential, int clients, int seconds) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            asker.ask();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < sequential; i++) {
            long start = System.nanoTime();
            asker.ask();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        millis.sort(Comparator.naturalOrder());
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Map<String, Boolean> firstErrors = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                while (System.nanoTime() < until) {
                    try {
                        asker.ask();
                        done.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        if (firstErrors.size() < 3) {
                            firstErrors.put(String.valueOf(e.getMessage()).lines().findFirst().orElse(""), true);
                        }
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Figures figures = new Figures(percentile(millis, 50), percentile(millis, 95), done.get() / elapsed, errors.get(), done.get());
        System.out.printf("%-36s p50 %7.1f ms  p95 %7.1f ms  %8.1f req/s  %d errors of %d%n", who, figures.p50(), figures.p95(),
                figures.perSecond(), figures.errors(), figures.done() + figures.errors());
        firstErrors.keySet().forEach(e -> System.out.println("  error: " + e));
        return figures;
    }

    static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    // ---- the table

    static String[] row(String query, String role, Figures service, Figures raw, Figures peer, String statements,
            String peerStatements) {
        return new String[] {query, role, statements, peerStatements, ms(service.p50()), raw == null ? "—" : ms(raw.p50()), peer == null ? "—" : ms(peer.p50()),
                ms(service.p95()), raw == null ? "—" : ms(raw.p95()), peer == null ? "—" : ms(peer.p95()),
                rate(service.perSecond()), raw == null ? "—" : rate(raw.perSecond()), peer == null ? "—" : rate(peer.perSecond()),
                service.errors() + (raw == null ? 0 : raw.errors()) + (peer == null ? 0 : peer.errors()) + "",
                raw == null ? "—" : String.format("%.2f×", service.p50() / raw.p50()),
                peer == null ? "—" : String.format("%.2f×", service.perSecond() / peer.perSecond())};
    }

    static void printTable(List<String[]> rows, int sequential, int clients, int seconds) {
        System.out.printf("%n%d sequential requests after %d warm-up (p50/p95 ms); %d clients for %d s (req/s); errors of all three%n",
                sequential, WARM_UP, clients, seconds);
        System.out.println("| query | role | service statements (DB ms) | peer statements (DB ms) | service p50 | raw p50 | peer p50 | service p95 | raw p95 | peer p95 "
                + "| service req/s | raw req/s | peer req/s | errors | service p50 / raw p50 | service req/s / peer req/s |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
    }

    static String ms(double value) {
        return String.format("%.1f", value);
    }

    static String rate(double value) {
        return String.format("%,.0f", value);
    }

    // ---- what is asked about: picked from the data, the largest page that fits one request

    record Ids(String community, long confirmed, String street, long communities, String task, String taskCommunity, long claims,
            String recommendTask, String recommendCommunity) {

        static Ids pick() {
            Record c = cypher("""
                    MATCH (c:Community)<-[:WITH_COMMUNITY]-(r:Registration {state: 'CONFIRMED'})
                    WITH c, count(r) AS n WHERE n <= 100 RETURN c.id AS id, n ORDER BY n DESC, id LIMIT 1""", Map.of()).getFirst();
            Record s = cypher("""
                    MATCH (s:Street)-[:HAS_COMMUNITY]->(c:Community)
                    WITH s, count(c) AS n WHERE n <= 100 RETURN s.id AS id, n ORDER BY n DESC, id LIMIT 1""", Map.of()).getFirst();
            Record t = cypher("""
                    MATCH (t:Task)<-[:FOR_TASK]-(c:Claim) WHERE c.activeKey IS NOT NULL
                    WITH t, count(c) AS n ORDER BY n DESC, t.id LIMIT 1
                    MATCH (t)-[:OF_COMMUNITY]->(x:Community) RETURN t.id AS id, x.id AS community, n""", Map.of()).getFirst();
            Record r = cypher("""
                    MATCH (t:Task {state: 'PUBLISHED', audience: 'MEMBERS'})-[:OF_COMMUNITY]->(x:Community)
                    WHERE t.startsAt > datetime() AND COUNT { (t)<-[:FOR_TASK]-(c:Claim) WHERE c.activeKey IS NOT NULL } < t.headcount
                    RETURN t.id AS id, x.id AS community ORDER BY t.startsAt, t.id LIMIT 1""", Map.of()).getFirst();
            return new Ids(c.get("id").asString(), c.get("n").asLong(), s.get("id").asString(), s.get("n").asLong(),
                    t.get("id").asString(), t.get("community").asString(), t.get("n").asLong(), r.get("id").asString(),
                    r.get("community").asString());
        }
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    static ArrayNode sortedBy(ArrayNode items, int index) {
        List<JsonNode> list = new ArrayList<>();
        items.forEach(list::add);
        list.sort(Comparator.comparing(n -> n.get(index).asText()));
        ArrayNode sorted = array();
        list.forEach(sorted::add);
        return sorted;
    }

    static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}

/** The six questions of issue 26, each as the service, hand-written Cypher and @neo4j/graphql ask it. */
class Queries {

    static List<SideBySide.Query> all(SideBySide.Ids ids, SideBySide.Role admin, SideBySide.Role secretary,
            SideBySide.Role streetAdmin, SideBySide.Role taskSecretary, SideBySide.Role recommendSecretary) {
        return List.of(streets(admin), members(ids, admin, secretary), counts(ids, admin, streetAdmin),
                claims(ids, admin, taskSecretary), dashboard(ids, admin, secretary), recommend(ids, admin, recommendSecretary));
    }

    /** [[street id, name, [[community id, name] …]] …] */
    static SideBySide.Query streets(SideBySide.Role admin) {
        return new SideBySide.Query("streets: 20 streets × 20 communities", List.of(admin),
                "{ streets(first: 20) { edges { node { id name communities(first: 20) { edges { node { id name } } } } } } }",
                data -> map(data.at("/streets/edges"), e -> pair(e.get("node"), map(e.at("/node/communities/edges"),
                        c -> pair(c.get("node"), null)))),
                """
                MATCH (s:Street) WITH s ORDER BY s.id LIMIT 20
                RETURN s.id AS id, s.name AS name,
                       COLLECT { MATCH (s)-[:HAS_COMMUNITY]->(c:Community) WITH c ORDER BY c.id LIMIT 20 RETURN [c.id, c.name] } AS communities""",
                records -> rows(records, r -> List.of(r.get("id").asString(), r.get("name").asString(), r.get("communities").asObject())),
                "{ streets(limit: 20, sort: [{id: ASC}]) { id name communities(limit: 20, sort: [{id: ASC}]) { id name } } }",
                data -> map(data.get("streets"), s -> pair(s, map(s.get("communities"), c -> pair(c, null)))),
                Map.of());
    }

    /** [[member id, name, [[skill id, name, level] …]] …] by member id */
    static SideBySide.Query members(SideBySide.Ids ids, SideBySide.Role admin, SideBySide.Role secretary) {
        return new SideBySide.Query("members: a community's %d confirmed members with skills".formatted(ids.confirmed()),
                List.of(admin, secretary),
                """
                query($community: ID!) { members(filter: {communityId: $community, registrationState: CONFIRMED}, first: 100) {
                  edges { node { id name skills { skill { id name } level } } } } }""",
                data -> SideBySide.sortedBy(map(data.at("/members/edges"), e -> member(e.get("node"),
                        map(e.at("/node/skills"), s -> SideBySide.tree(List.of(s.at("/skill/id").asText(), s.at("/skill/name").asText(),
                                s.get("level").asLong()))))), 0),
                """
                MATCH (:Community {id: $community})<-[:WITH_COMMUNITY]-(:Registration {state: 'CONFIRMED'})<-[:REGISTERED]-(m:Member)
                WITH DISTINCT m ORDER BY m.id LIMIT 100
                RETURN m.id AS id, m.name AS name,
                       COLLECT { MATCH (m)-[h:HAS_SKILL]->(s:Skill) WITH s, h ORDER BY s.id RETURN [s.id, s.name, h.level] } AS skills""",
                records -> rows(records, r -> List.of(r.get("id").asString(), r.get("name").asString(), r.get("skills").asObject())),
                """
                query($community: ID!) { communities(where: {id: {eq: $community}}) {
                  registrations(where: {state: {eq: CONFIRMED}}) { member { id name
                    skillsConnection { edges { properties { level } node { id name } } } } } } }""",
                data -> SideBySide.sortedBy(map(data.at("/communities/0/registrations"), r -> member(r.at("/member/0"),
                        SideBySide.sortedBy(map(r.at("/member/0/skillsConnection/edges"), e -> SideBySide.tree(List.of(
                                e.at("/node/id").asText(), e.at("/node/name").asText(), e.at("/properties/level").asLong()))), 0))), 0),
                SideBySide.vars("community", ids.community()));
    }

    /** [[community id, name, confirmed registrations] …] by community id */
    static SideBySide.Query counts(SideBySide.Ids ids, SideBySide.Role admin, SideBySide.Role streetAdmin) {
        return new SideBySide.Query("counts: confirmed members of each of a street's %d communities".formatted(ids.communities()),
                List.of(admin, streetAdmin),
                """
                query($street: ID!) { street(id: $street) { communities(first: 100) {
                  edges { node { id name counts { registeredMembers } } } } } }""",
                data -> map(data.at("/street/communities/edges"), e -> SideBySide.tree(List.of(e.at("/node/id").asText(),
                        e.at("/node/name").asText(), e.at("/node/counts/registeredMembers").asLong()))),
                """
                MATCH (:Street {id: $street})-[:HAS_COMMUNITY]->(c:Community) WITH c ORDER BY c.id LIMIT 100
                RETURN c.id AS id, c.name AS name, COUNT { (c)<-[:WITH_COMMUNITY]-(:Registration {state: 'CONFIRMED'}) } AS n""",
                records -> rows(records, r -> List.of(r.get("id").asString(), r.get("name").asString(), r.get("n").asLong())),
                """
                query($street: ID!) { streets(where: {id: {eq: $street}}) { communities(limit: 100, sort: [{id: ASC}]) { id name
                  registrationsConnection(where: {node: {state: {eq: CONFIRMED}}}) { aggregate { count { nodes } } } } } }""",
                data -> map(data.at("/streets/0/communities"), c -> SideBySide.tree(List.of(c.get("id").asText(), c.get("name").asText(),
                        c.at("/registrationsConnection/aggregate/count/nodes").asLong()))),
                SideBySide.vars("street", ids.street()));
    }

    /** [task id, title, [[claim id, state, member id, member name] …] by claim id] */
    static SideBySide.Query claims(SideBySide.Ids ids, SideBySide.Role admin, SideBySide.Role secretary) {
        return new SideBySide.Query("claims: a task with its %d claims and their members".formatted(ids.claims()),
                List.of(admin, secretary),
                "query($task: ID!) { task(id: $task) { id title claims { id state member { id name } } } }",
                data -> task(data.get("task"), map(data.at("/task/claims"), c -> claim(c, c.get("member")))),
                """
                MATCH (t:Task {id: $task})
                RETURN t.id AS id, t.title AS title,
                       COLLECT { MATCH (t)<-[:FOR_TASK]-(c:Claim)<-[:MADE]-(m:Member) WHERE c.activeKey IS NOT NULL
                                 RETURN [c.id, c.state, m.id, m.name] } AS claims""",
                records -> {
                    Record r = records.getFirst();
                    return SideBySide.tree(List.of(r.get("id").asString(), r.get("title").asString(),
                            SideBySide.sortedBy((com.fasterxml.jackson.databind.node.ArrayNode) SideBySide.tree(r.get("claims").asObject()), 0)));
                },
                "query($task: ID!) { tasks(where: {id: {eq: $task}}) { id title claims(where: {state: {eq: ACTIVE}}) { id state member { id name } } } }",
                data -> task(data.at("/tasks/0"), map(data.at("/tasks/0/claims"), c -> claim(c, c.at("/member/0")))),
                SideBySide.vars("task", ids.task()));
    }

    static final List<String> DASHBOARD = List.of("generalBranches", "grids", "gridBranches", "partyGroups", "microGrids",
            "compounds", "functionalGroups", "members", "registeredMembers", "pendingRegistrations");

    /** [community id, name, the ten counts …, roster, registered] */
    static SideBySide.Query dashboard(SideBySide.Ids ids, SideBySide.Role admin, SideBySide.Role secretary) {
        return new SideBySide.Query("dashboard: a community's counts and its month's roster and registered", List.of(admin, secretary),
                "query($community: ID!) { community(id: $community) { id name counts { " + String.join(" ", DASHBOARD) + " } }"
                        + " figures(scope: COMMUNITY, id: $community, period: MONTH) { roster registered } }",
                data -> {
                    List<Object> row = new ArrayList<>(List.of(data.at("/community/id").asText(), data.at("/community/name").asText()));
                    DASHBOARD.forEach(f -> row.add(data.at("/community/counts/" + f).asLong()));
                    row.add(data.at("/figures/roster").asLong());
                    row.add(data.at("/figures/registered").asLong());
                    return SideBySide.tree(row);
                },
                """
                MATCH (c:Community {id: $community})
                WITH c, datetime.truncate('month', datetime({timezone: 'Asia/Shanghai'})) + duration('P1M') AS end
                CALL (c, end) {
                  MATCH (c)-[:HAS_GRID]->(:Grid)<-[:SERVES_GRID]-(:GridBranch)-[:HAS_PARTY_GROUP]->()
                        -[:HAS_MICRO_GRID]->(:MicroGrid)<-[:LIVES_IN]-(m:Member)
                  WITH DISTINCT m
                  RETURN count(m) AS roster,
                         count(CASE WHEN EXISTS { (m)-[:REGISTERED]->(r:Registration {state: 'CONFIRMED'})
                                                  WHERE coalesce(r.decidedAt, r.registeredAt) < end } THEN 1 END) AS registered
                }
                RETURN [c.id, c.name,
                  COUNT { MATCH (c)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(x:GeneralBranch) RETURN DISTINCT x },
                  COUNT { MATCH (c)-[:HAS_GRID]->(x:Grid) RETURN DISTINCT x },
                  COUNT { MATCH (c)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)
                                -[:HAS_GRID_BRANCH]->(x:GridBranch) RETURN DISTINCT x },
                  COUNT { MATCH (c)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)
                                -[:HAS_GRID_BRANCH]->(:GridBranch)-[:HAS_PARTY_GROUP]->(x:PartyGroup) RETURN DISTINCT x },
                  COUNT { MATCH (c)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)
                                -[:HAS_GRID_BRANCH]->(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)-[:HAS_MICRO_GRID]->(x:MicroGrid)
                          RETURN DISTINCT x },
                  COUNT { MATCH (c)-[:HAS_COMPOUND]->(x:Compound) RETURN DISTINCT x },
                  COUNT { MATCH (c)-[:HAS_FUNCTIONAL_BRANCH]->(:FunctionalBranch)-[:HAS_FUNCTIONAL_GROUP]->(x:FunctionalGroup)
                          RETURN DISTINCT x },
                  COUNT { (c)<-[:WITH_COMMUNITY]-(x:Registration) WHERE x.state IN ['PENDING', 'CONFIRMED'] },
                  COUNT { (c)<-[:WITH_COMMUNITY]-(:Registration {state: 'CONFIRMED'}) },
                  COUNT { (c)<-[:WITH_COMMUNITY]-(:Registration {state: 'PENDING'}) },
                  roster, registered] AS row""",
                records -> SideBySide.tree(records.getFirst().get("row").asObject()),
                """
                query($community: ID!) { communities(where: {id: {eq: $community}}) { id name generalBranches grids gridBranches
                  partyGroups microGrids compounds functionalGroups
                  members: registrationsConnection(where: {node: {state: {in: [PENDING, CONFIRMED]}}}) { aggregate { count { nodes } } }
                  registeredMembers: registrationsConnection(where: {node: {state: {eq: CONFIRMED}}}) { aggregate { count { nodes } } }
                  pendingRegistrations: registrationsConnection(where: {node: {state: {eq: PENDING}}}) { aggregate { count { nodes } } }
                  roster rosterRegistered } }""",
                data -> {
                    JsonNode c = data.at("/communities/0");
                    List<Object> row = new ArrayList<>(List.of(c.get("id").asText(), c.get("name").asText()));
                    DASHBOARD.forEach(f -> row.add(c.get(f).isObject() ? c.at("/" + f + "/aggregate/count/nodes").asLong() : c.get(f).asLong()));
                    row.add(c.get("roster").asLong());
                    row.add(c.get("rosterRegistered").asLong());
                    return SideBySide.tree(row);
                },
                SideBySide.vars("community", ids.community()));
    }

    /** [[rank, member id, feasible, hard, medium, soft] …]: the service alone (its scoring is Java, not Cypher) */
    static SideBySide.Query recommend(SideBySide.Ids ids, SideBySide.Role admin, SideBySide.Role secretary) {
        return new SideBySide.Query("recommend: recommendMembers, 10 for an open task", List.of(admin, secretary),
                "query($task: ID!) { recommendMembers(taskId: $task, first: 10) { rank member { id name } feasible score { hard medium soft } } }",
                data -> map(data.get("recommendMembers"), r -> SideBySide.tree(List.of(r.get("rank").asLong(), r.at("/member/id").asText(),
                        r.get("feasible").asBoolean(), r.at("/score/hard").asLong(), r.at("/score/medium").asLong(),
                        r.at("/score/soft").asLong()))),
                null, null, null, null,
                SideBySide.vars("task", ids.recommendTask()));
    }

    // ---- normalising helpers

    static com.fasterxml.jackson.databind.node.ArrayNode map(JsonNode items, java.util.function.Function<JsonNode, JsonNode> f) {
        com.fasterxml.jackson.databind.node.ArrayNode out = SideBySide.array();
        if (items != null) {
            items.forEach(i -> out.add(f.apply(i)));
        }
        return out;
    }

    static JsonNode pair(JsonNode node, JsonNode children) {
        List<Object> row = new ArrayList<>(List.of(node.get("id").asText(), node.get("name").asText()));
        if (children != null) {
            row.add(children);
        }
        return SideBySide.tree(row);
    }

    static JsonNode member(JsonNode member, JsonNode skills) {
        return SideBySide.tree(List.of(member.get("id").asText(), member.get("name").asText(), skills));
    }

    static JsonNode claim(JsonNode claim, JsonNode member) {
        return SideBySide.tree(List.of(claim.get("id").asText(), claim.get("state").asText(), member.get("id").asText(),
                member.get("name").asText()));
    }

    static JsonNode task(JsonNode task, com.fasterxml.jackson.databind.node.ArrayNode claims) {
        return SideBySide.tree(List.of(task.get("id").asText(), task.get("title").asText(), SideBySide.sortedBy(claims, 0)));
    }

    static JsonNode rows(List<Record> records, java.util.function.Function<Record, List<Object>> row) {
        return SideBySide.tree(records.stream().map(row).toList());
    }
}
