package cn.nantong.tongtongzai.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.RecordedDocuments;

/**
 * Hostile and broken input. Every input field of every mutation gets, one at a time, very long strings,
 * control characters, lone surrogates, wrong types, nulls, huge numbers and injection attempts (the corpus is
 * in src/test/resources/fuzz/); malformed documents and HTTP bodies are sent as they are. Every answer must be a
 * clean error — JSON, never a 5xx, never INTERNAL_ERROR — and a refused mutation must leave the graph as it was.
 * Seeded and bounded: a handful of cases per input field, a few thousand requests in all.
 */
class HostileInputTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LONG = "长".repeat(100_001);
    private static final int GRAPHQL_MAX_BYTES = 1 << 20;

    @Autowired
    GraphQlSource graphQlSource;

    @Autowired
    org.neo4j.driver.Driver driver;

    /** Real ids by label, so that the fields around a hostile one are plausible and validation gets that far. */
    private final Map<String, String> ids = new TreeMap<>();
    private FlowFixture.Served served;

    record Hostile(Object value, boolean mustRefuse, String what) {
    }

    /** Loads the tiny data set and drives one request through the 四单 flow (tests that send mutations). */
    void aCommunityWithHistory() {
        database.loadTiny();
        served = new FlowFixture(graphQl, driver).servedAndRatedRequest();
        for (var row : driver.executableQuery("""
                MATCH (n) WHERE n.id IS NOT NULL AND NOT n:AuditEntry
                WITH labels(n)[0] AS label, min(n.id) AS id RETURN label, id""").execute().records()) {
            ids.put(row.get("label").asString(), String.valueOf(row.get("id").asObject()));
        }
        ids.put("Member", served.member());
        ids.put("Resident", served.resident());
        ids.put("Request", served.request());
        ids.put("Task", served.openTask());
        ids.put("Claim", served.claim());
        ids.put("Community", FlowFixture.DEMIN);
    }

    @Test
    void everyMutationRefusesHostileInputCleanlyAndWritesNothing() {
        aCommunityWithHistory();
        Random random = new Random(20261130);
        List<Hostile> strings = hostileStrings();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> codes = new TreeMap<>();
        List<String> accepted = new ArrayList<>();
        int cases = 0;
        String before = database.fingerprint();
        for (GraphQLFieldDefinition mutation : graphQlSource.schema().getMutationType().getFieldDefinitions()) {
            Map<String, Object> plausible = new LinkedHashMap<>();
            mutation.getArguments().forEach(a -> plausible.put(a.getName(), plausible(a.getName(), a.getType())));
            List<List<Object>> leaves = new ArrayList<>();
            for (GraphQLArgument argument : mutation.getArguments()) {
                leaves(List.of(argument.getName()), argument.getType(), leaves);
            }
            for (List<Object> leaf : leaves) {
                GraphQLInputType type = (GraphQLInputType) leaf.getLast();
                List<Object> path = leaf.subList(0, leaf.size() - 1);
                for (Hostile hostile : hostileValues(type, strings, random)) {
                    Object variables = replaced(plausible, path, hostile.value());
                    Answer answer = send(document(mutation), (Map<?, ?>) variables);
                    cases++;
                    String where = mutation.getName() + " " + path + " = " + hostile.what();
                    String problem = answer.problem(hostile.mustRefuse());
                    answer.codes().forEach(c -> codes.merge(c, 1, Integer::sum));
                    String after = database.fingerprint();
                    if (problem == null && answer.refused() && !after.equals(before)) {
                        problem = "refused, but the graph changed: " + before + " → " + after;
                    }
                    if (problem != null) {
                        failures.add(where + ": " + problem);
                    }
                    if (!answer.refused()) {
                        accepted.add(where);
                    }
                    before = after; // an accepted plain-text value may write; the next case starts from here
                }
            }
        }
        System.out.printf("hostile mutation inputs: %d cases, %d accepted (plain text or a valid extreme), codes %s%n",
                cases, accepted.size(), codes);
        assertThat(failures).as("unclean answers to hostile input").isEmpty();
        assertThat(cases).isGreaterThan(1000);
    }

    @Test
    void malformedDocumentsGetCleanErrors() {
        String before = database.fingerprint();
        List<String> failures = new ArrayList<>();
        List<String> documents = new ArrayList<>(List.of(corpus("fuzz/documents.txt").split("\n----\n")));
        documents.add("query { " + "about { version } ".repeat(20_000) + "}");
        documents.add("query " + "{ streets(first: 1) { edges { node { communities(first: 1) { edges { node ".repeat(40) + "}");
        documents.add("mutation { " + "postRequest(input: {residentId: \"x\", text: \"测试测试\"}) { __typename } ".repeat(500) + "}");
        for (String document : documents) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", unescape(document));
            Answer answer = send(body, true);
            String problem = answer.problem(false);
            if (problem != null) {
                failures.add(abbreviate(document) + ": " + problem);
            }
        }
        assertThat(failures).as("unclean answers to malformed documents").isEmpty();
        assertThat(database.fingerprint()).isEqualTo(before);
    }

    @Test
    void brokenHttpBodiesGetClientErrors() {
        String before = database.fingerprint();
        List<byte[]> bodies = new ArrayList<>();
        for (String body : List.of("", "{", "}", "null", "[]", "\"query\"", "{\"query\": 1}", "{\"query\": null}",
                "{\"query\": {\"a\": 1}}", "[{\"query\": \"{ about { version } }\"}]",
                "{\"query\": \"{ about { version } }\", \"variables\": \"x\"}",
                "{\"query\": \"{ about { version } }\", \"variables\": [1]}",
                "{\"query\": \"{ about { version } }\", \"operationName\": 5}",
                "{\"query\": \"{ about { version } }\", \"operationName\": \"Missing\"}",
                "{\"query\": \"{ about { version } }\", \"extensions\": \"x\"}",
                "{\"query\": \"{ about { version } }\", \"query\": \"mutation { x }\"}",
                "{\"query\": \"query($n: Int) { streets(first: $n) { totalCount } }\", \"variables\": {\"n\": 1e999999}}",
                "{\"query\": \"query($n: Int) { streets(first: $n) { totalCount } }\", \"variables\": {\"n\": 123456789012345678901234567890}}",
                "{\"query\": \"{ about { version } }\"" + " ".repeat(10) + "garbage",
                "[".repeat(100_000) + "]".repeat(100_000),
                "{\"query\": \"{ about { version } }\", \"variables\": " + "{\"a\": ".repeat(5_000) + "1" + "}".repeat(5_000) + "}")) {
            bodies.add(body.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0x7b});
        bodies.add("{\"query\": \"{ street(id: \\\"".getBytes(StandardCharsets.UTF_8));
        bodies.add(concat("{\"query\": \"{ street(id: \\\"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xc3, (byte) 0x28},
                "\\\") { name } }\"}".getBytes(StandardCharsets.UTF_8)));
        bodies.add(("{\"query\": \"{ about { version } }\", \"variables\": {\"x\": \"" + "x".repeat(GRAPHQL_MAX_BYTES) + "\"}}")
                .getBytes(StandardCharsets.UTF_8));
        List<String> failures = new ArrayList<>();
        for (byte[] body : bodies) {
            EntityExchangeResult<byte[]> result = web.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body).exchange().expectBody(byte[].class).returnResult();
            int status = result.getStatus().value();
            if (status >= 500) {
                failures.add(abbreviate(new String(body, StandardCharsets.UTF_8)) + ": HTTP " + status);
            }
        }
        // not JSON at all, and a mutation over GET
        int plainText = web.post().uri("/graphql").contentType(MediaType.TEXT_PLAIN).bodyValue("{ about { version } }")
                .exchange().expectBody(byte[].class).returnResult().getStatus().value();
        int get = web.get().uri(u -> u.path("/graphql").queryParam("query", "{query}").build(
                        "mutation { rejectRequest(input: {requestId: \"x\", reason: \"测试测试\"}) { __typename } }"))
                .exchange().expectBody(byte[].class).returnResult().getStatus().value();
        assertThat(failures).as("5xx answers to broken bodies").isEmpty();
        web.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue("null").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("MALFORMED_REQUEST");
        web.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue(bodies.getLast()).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("REQUEST_TOO_LARGE");
        assertThat(plainText).isBetween(400, 499);
        assertThat(get).isBetween(400, 499);
        assertThat(database.fingerprint()).isEqualTo(before);
    }

    @Test
    void injectionAttemptsInTextAreStoredAsTextAndNeverRun() {
        aCommunityWithHistory();
        String before = database.fingerprint();
        for (Hostile hostile : hostileStrings()) {
            if (hostile.mustRefuse() || !(hostile.value() instanceof String text) || text.strip().length() < 2) {
                continue;
            }
            String id = graphQl.document("mutation($r: ID!, $t: String!) { postRequest(input: {residentId: $r, text: $t}) { request { id text } } }")
                    .variable("r", served.resident()).variable("t", text).execute()
                    .path("postRequest.request.text").entity(String.class).isEqualTo(text.strip())
                    .path("postRequest.request.id").entity(String.class).get();
            graphQl.document("query($id: ID!) { request(id: $id) { text } }").variable("id", id).execute()
                    .path("request.text").entity(String.class).isEqualTo(text.strip());
        }
        // each request added its own nodes and relationships; nothing else went
        assertThat(count("MATCH (n:Member) RETURN count(n)")).isEqualTo(40);
        assertThat(count("MATCH (s:Street) RETURN count(s)")).isEqualTo(1);
        assertThat(database.fingerprint()).isNotEqualTo(before);
    }

    // --- the cases

    private List<Hostile> hostileStrings() {
        List<Hostile> strings = new ArrayList<>();
        for (String line : corpus("fuzz/strings.txt").split("\n")) {
            if (line.startsWith("#") || !line.contains("\t")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            String text = unescape(parts[1]);
            strings.add(new Hostile(text, parts[0].equals("refuse"), "\"" + abbreviate(parts[1]) + "\""));
        }
        strings.add(new Hostile(LONG, true, "100,001 characters"));
        return strings;
    }

    /** A few hostile values for one leaf of an input: one of its own kind, a wrong type, and null. */
    private static List<Hostile> hostileValues(GraphQLInputType type, List<Hostile> strings, Random random) {
        boolean required = type instanceof GraphQLNonNull;
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        List<Hostile> values = new ArrayList<>();
        values.add(new Hostile(null, required, "null"));
        if (bare instanceof GraphQLList) {
            values.add(new Hostile("not a list", false, "a string for a list"));
            values.add(new Hostile(Collections.nCopies(10_000, "x"), false, "10,000 entries"));
            values.add(new Hostile(List.of(List.of(List.of())), true, "nested lists"));
            return values;
        }
        if (bare instanceof GraphQLInputObjectType) {
            values.add(new Hostile("not an object", true, "a string for an object"));
            values.add(new Hostile(Map.of("noSuchField", 1), true, "an unknown field"));
            return values;
        }
        if (bare instanceof GraphQLEnumType) {
            values.add(new Hostile("NOT_A_VALUE", true, "an unknown enum value"));
            values.add(new Hostile(3, true, "a number for an enum"));
            return values;
        }
        switch (((GraphQLScalarType) bare).getName()) {
            case "Int" -> {
                List<Hostile> ints = List.of(new Hostile(2_147_483_648L, true, "2^31"), new Hostile(-2_147_483_649L, true, "-2^31-1"),
                        new Hostile(1e20, true, "1e20"), new Hostile(1.5, true, "1.5"), new Hostile(2_147_483_647, false, "2^31-1"),
                        new Hostile(-2_147_483_648, false, "-2^31"), new Hostile(0, false, "0"), new Hostile(-1, false, "-1"));
                values.add(ints.get(random.nextInt(ints.size())));
                values.add(new Hostile("12", true, "a string for an Int"));
            }
            case "Float" -> {
                List<Hostile> floats = List.of(new Hostile(1e308, false, "1e308"), new Hostile(-1e308, false, "-1e308"),
                        new Hostile(Double.MIN_VALUE, false, "4.9e-324"), new Hostile(-0.0, false, "-0.0"));
                values.add(floats.get(random.nextInt(floats.size())));
                values.add(new Hostile("NaN", true, "\"NaN\""));
            }
            case "Boolean" -> {
                values.add(new Hostile("true", true, "a string for a Boolean"));
                values.add(new Hostile(1, true, "a number for a Boolean"));
            }
            default -> { // String, ID
                List<Hostile> refused = strings.stream().filter(Hostile::mustRefuse).toList();
                List<Hostile> plain = strings.stream().filter(s -> !s.mustRefuse()).toList();
                values.add(refused.get(random.nextInt(refused.size())));
                values.add(new Hostile(LONG, true, "100,001 characters"));
                values.add(plain.get(random.nextInt(plain.size())));
                values.add(new Hostile(Map.of("$ne", ""), true, "an object for a string"));
            }
        }
        return values;
    }

    /** Every scalar, enum and list position of an input, with the path to it (list elements at index 0). */
    private static void leaves(List<Object> path, GraphQLInputType type, List<List<Object>> into) {
        List<Object> leaf = new ArrayList<>(path);
        leaf.add(type);
        into.add(leaf);
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLInputObjectType object && path.size() < 4) {
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                List<Object> next = new ArrayList<>(path);
                next.add(field.getName());
                leaves(next, field.getType(), into);
            }
        }
    }

    /** A value of the type a secretary might send: real ids, a time next week, short Chinese text. */
    private Object plausible(String name, GraphQLInputType type) {
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLList list) {
            return List.of(plausible(name.endsWith("s") ? name.substring(0, name.length() - 1) : name,
                    (GraphQLInputType) list.getWrappedType()));
        }
        if (bare instanceof GraphQLInputObjectType object) {
            Map<String, Object> value = new LinkedHashMap<>();
            object.getFieldDefinitions().forEach(f -> value.put(f.getName(), plausible(f.getName(), f.getType())));
            return value;
        }
        if (bare instanceof GraphQLEnumType enumType) {
            return enumType.getValues().getFirst().getName();
        }
        return switch (((GraphQLScalarType) bare).getName()) {
            case "Int" -> 1;
            case "Float" -> 1.0;
            case "Boolean" -> false;
            default -> plausibleText(name);
        };
    }

    private String plausibleText(String name) {
        if (name.endsWith("Id") || name.equals("id")) {
            String label = name.equals("id") ? "Task" : Character.toUpperCase(name.charAt(0)) + name.substring(1, name.length() - 2);
            return ids.getOrDefault(label, ids.getOrDefault(label.replace("Rater", "Community"), served.member()));
        }
        if (name.endsWith("At") || name.endsWith("From") || name.endsWith("To") || name.endsWith("Until")) {
            return FlowFixture.at(name.startsWith("end") || name.endsWith("To") || name.endsWith("Until") ? 7 * 24 * 60 + 120 : 7 * 24 * 60);
        }
        if (name.toLowerCase().contains("date") || name.equals("day")) {
            return FlowFixture.at(7 * 24 * 60).substring(0, 10);
        }
        return "测试内容";
    }

    @SuppressWarnings("unchecked")
    private static Object replaced(Object value, List<Object> path, Object replacement) {
        if (path.isEmpty()) {
            return replacement;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list);
            copy.set(0, replaced(copy.getFirst(), path, replacement));
            return copy;
        }
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) value);
        String key = (String) path.getFirst();
        copy.put(key, replaced(copy.get(key), path.subList(1, path.size()), replacement));
        return copy;
    }

    private static String document(GraphQLFieldDefinition mutation) {
        StringBuilder variables = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        for (GraphQLArgument a : mutation.getArguments()) {
            variables.append(variables.isEmpty() ? "" : ", ").append('$').append(a.getName()).append(": ")
                    .append(GraphQLTypeUtil.simplePrint(a.getType()));
            arguments.append(arguments.isEmpty() ? "" : ", ").append(a.getName()).append(": $").append(a.getName());
        }
        boolean object = GraphQLTypeUtil.unwrapAll(mutation.getType()) instanceof graphql.schema.GraphQLCompositeType;
        return "mutation" + (variables.isEmpty() ? "" : "(" + variables + ")") + " { " + mutation.getName()
                + (arguments.isEmpty() ? "" : "(" + arguments + ")") + (object ? " { __typename }" : "") + " }";
    }

    // --- sending and judging

    /** One answer: its HTTP status and body. */
    record Answer(int status, JsonNode body, String raw) {

        boolean refused() {
            return body == null || body.path("errors").size() > 0;
        }

        List<String> codes() {
            List<String> codes = new ArrayList<>();
            if (body != null) {
                body.path("errors").forEach(e -> codes.add(e.path("extensions").path("code").asString(
                        e.path("extensions").path("classification").asString("NONE"))));
            }
            return codes;
        }

        /** Null when the answer is clean. */
        String problem(boolean mustRefuse) {
            if (status >= 500) {
                return "HTTP " + status + " " + abbreviate(raw);
            }
            if (body == null || !body.isObject()) {
                return "not a JSON object: HTTP " + status + " " + abbreviate(raw);
            }
            for (JsonNode error : body.path("errors")) {
                if ("INTERNAL_ERROR".equals(error.path("extensions").path("classification").asString(""))) {
                    return "INTERNAL_ERROR: " + abbreviate(error.toString());
                }
                if (error.path("message").asString("").isBlank()) {
                    return "an error without a message: " + abbreviate(error.toString());
                }
            }
            if (mustRefuse && !refused()) {
                return "accepted: " + abbreviate(raw);
            }
            return null;
        }
    }

    private Answer send(String document, Map<?, ?> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        return send(body);
    }

    private Answer send(Map<String, Object> body) {
        return send(body, false);
    }

    /** {@code malformed}: a document no client would write, left out of GraphQlDocumentsTest's check. */
    private Answer send(Map<String, Object> body, boolean malformed) {
        EntityExchangeResult<byte[]> result = web.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (malformed) {
                        headers.set(RecordedDocuments.MALFORMED, "true");
                    }
                })
                .bodyValue(JSON.writeValueAsBytes(body)).exchange().expectBody(byte[].class).returnResult();
        byte[] bytes = result.getResponseBody();
        String raw = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = raw.isEmpty() ? null : JSON.readTree(raw);
        } catch (RuntimeException notJson) {
            json = null;
        }
        return new Answer(result.getStatus().value(), json, raw);
    }

    private long count(String cypher) {
        return driver.executableQuery(cypher).execute().records().getFirst().get(0).asLong();
    }

    private static String corpus(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Java-style escapes of the corpus files: backslash-uXXXX, backslash-n/r/t and a doubled backslash. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                default -> out.append(next); // a doubled backslash, or a quote in a document
            }
        }
        return out.toString();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "…";
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
