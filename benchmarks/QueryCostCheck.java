import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import graphql.execution.CoercedVariables;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.graphql.execution.ConnectionTypeDefinitionConfigurer;
import org.springframework.graphql.execution.GraphQlSource;

import cn.nantong.tongtongzai.platform.graphql.QueryCost;

/**
 * What the query cost check costs per request (security probe, finding 1): the schema of graphql/*.graphqls (with
 * the connection types Spring generates), every journey document of src/test/resources/journeys/ and the probe's
 * documents, each parsed and validated once (the service keeps parsed documents), then QueryCost.of timed over
 * many calls (variables the journeys take from earlier steps are "1" or 1: none of them is a page size). Prints each document's cost and the microseconds one check takes.
 * Run by benchmarks/query-cost.sh.
 */
public class QueryCostCheck {

    record Case(String name, Document document, CoercedVariables variables) {
    }

    public static void main(String[] args) throws IOException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        GraphQLSchema schema = schema();
        QueryCost.Rules rules = QueryCost.Rules.of(schema);
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/journeys"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphql")).sorted().toList()) {
                cases.add(parsed(schema, "journeys/" + file.getParent().getFileName() + "/" + file.getFileName(),
                        Files.readString(file), Map.of()));
            }
        }
        int journeys = cases.size();
        cases.add(parsed(schema, "probe: street → communities(first: 100) → street, 4 levels × 2 aliases",
                cycle(4, 2), Map.of()));
        cases.add(parsed(schema, "probe: the same with 3 aliases per level", cycle(4, 3), Map.of()));
        cases.add(parsed(schema, "the same with fragments, 10 aliases per level (RequestTimeoutTest's document)",
                fragments(4, 10), Map.of()));
        StringBuilder aliases = new StringBuilder("query Classify($text: String!) {");
        for (int i = 0; i < 500; i++) {
            aliases.append(" c").append(i).append(": classifyText(text: $text) { confidence }");
        }
        cases.add(parsed(schema, "probe: 500 aliases of classifyText, 10,000-character variable",
                aliases.append(" }").toString(), Map.of("text", "水".repeat(10_000))));

        for (int round = 0; round < 3; round++) { // warm up: the JIT compiles the traversal
            for (Case c : cases) {
                for (int i = 0; i < iterations / 10; i++) {
                    QueryCost.of(rules, c.document(), null, c.variables());
                }
            }
        }
        System.out.printf("JDK %s, %d cores, %,d checks per document%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), iterations);
        System.out.println("| document | bytes | cost | µs per check |");
        System.out.println("|---|---:|---:|---:|");
        double[] journeyMicros = new double[journeys];
        for (int k = 0; k < cases.size(); k++) {
            Case c = cases.get(k);
            long cost = 0;
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                cost = QueryCost.of(rules, c.document(), null, c.variables());
            }
            double micros = (System.nanoTime() - start) / 1_000.0 / iterations;
            if (k < journeys) {
                journeyMicros[k] = micros;
            }
            System.out.printf("| %s | %,d | %,d | %.1f |%n", c.name(), printedLength(c.document()), cost, micros);
        }
        Arrays.sort(journeyMicros);
        System.out.printf("journeys (%d documents): median %.1f µs, max %.1f µs per check%n", journeys,
                journeyMicros[journeys / 2], journeyMicros[journeys - 1]);
    }

    static GraphQLSchema schema() throws IOException {
        List<Resource> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(Path.of("graphql"))) {
            paths.filter(p -> p.toString().endsWith(".graphqls")).sorted().forEach(p -> files.add(new FileSystemResource(p)));
        }
        return GraphQlSource.schemaResourceBuilder().schemaResources(files.toArray(Resource[]::new))
                .configureTypeDefinitions(new ConnectionTypeDefinitionConfigurer()).build().schema();
    }

    static Case parsed(GraphQLSchema schema, String name, String text, Map<String, Object> variables) {
        Document document = Parser.parse(text);
        List<ValidationError> errors = new Validator().validateDocument(schema, document, java.util.Locale.ROOT);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(name + " is not valid: " + errors);
        }
        Map<String, Object> values = new LinkedHashMap<>(variables);
        document.getDefinitionsOfType(graphql.language.OperationDefinition.class).forEach(operation ->
                operation.getVariableDefinitions().forEach(v -> values.putIfAbsent(v.getName(),
                        graphql.language.AstPrinter.printAst(v.getType()).startsWith("Int") ? 1 : "1")));
        return new Case(name, document, CoercedVariables.of(values));
    }

    /** street(id) { a: communities(first: 100) { edges { node { id name street { … } } } } b: … }, {@code levels} deep. */
    static String cycle(int levels, int aliases) {
        String inner = "id name";
        for (int level = 0; level < levels; level++) {
            StringBuilder next = new StringBuilder("id name");
            for (int a = 0; a < aliases; a++) {
                next.append(" c").append(a).append(": communities(first: 100) { edges { node { id name street { ")
                        .append(inner).append(" } } } }");
            }
            inner = next.toString();
        }
        return "{ street(id: \"320613001\") { " + inner + " } }";
    }

    /** The cycle as fragments L0 … L3 on Street, each spreading the next from every alias. */
    static String fragments(int levels, int aliases) {
        StringBuilder document = new StringBuilder("query Slow { street(id: \"320613001\") { ...L0 } }");
        for (int level = 0; level < levels; level++) {
            document.append(" fragment L").append(level).append(" on Street { id name");
            for (int a = 0; a < aliases; a++) {
                document.append(" c").append(a).append(": communities(first: 100) { edges { node { id name")
                        .append(level < levels - 1 ? " street { ...L" + (level + 1) + " }" : "").append(" } } }");
            }
            document.append(" }");
        }
        return document.toString();
    }

    private static int printedLength(Document document) {
        return graphql.language.AstPrinter.printAstCompact(document).length();
    }
}
