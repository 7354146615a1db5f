package cn.nantong.tongtongzai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import cn.nantong.tongtongzai.support.RecordedDocuments;

/**
 * Every GraphQL document the project uses is valid for a front-end tool against the committed schema
 * (graphql/schema.printed.graphql): the journeys, the {@code graphql} blocks of the README and docs/, and every
 * document the tests sent in this run and the service accepted ({@link RecordedDocuments}) — so this class runs
 * last. They are written to target/graphql-documents/ and validated by graphql-js from npm
 * (tools/graphql-check/validate.mjs). Without Node.js and that tool installed the test fails, saying how to
 * install them: it never passes without having checked.
 */
@Order(Integer.MAX_VALUE)
class GraphQlDocumentsTest {

    static final Path OUT = Path.of("target/graphql-documents");
    static final Path TOOL = Path.of("tools/graphql-check");
    static final String SETUP = "apt-get install -y nodejs npm && npm ci --prefix tools/graphql-check";
    private static final Pattern BLOCK = Pattern.compile("```graphql\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyDocumentIsValidForGraphqlJsAgainstThePrintedSchema() throws Exception {
        FileSystemUtils.deleteRecursively(OUT);
        int journeys = write(journeyDocuments());
        int docs = write(markdownBlocks());
        List<String> sent = RecordedDocuments.all();
        Map<String, String> recorded = new LinkedHashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            recorded.put("tests/%04d.graphql".formatted(i + 1), sent.get(i));
        }
        write(recorded);
        assertThat(journeys).as("journey documents").isGreaterThan(50);
        assertThat(docs).as("graphql blocks in README.md and docs/").isGreaterThan(5);
        System.out.printf("validating %d journey, %d README/docs and %d test documents with graphql-js%n",
                journeys, docs, recorded.size());

        String output = run(List.of(node(), TOOL.resolve("validate.mjs").toString(),
                "graphql/schema.printed.graphql", OUT.toString()));
        System.out.println(output.strip());
    }

    /** journeys/resident/01-post-request.graphql → its text. */
    private static Map<String, String> journeyDocuments() throws IOException {
        Map<String, String> documents = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(JourneyTest.JOURNEYS)) {
            files.filter(f -> f.toString().endsWith(".graphql")).sorted().forEach(f -> documents.put(
                    "journeys/" + JourneyTest.JOURNEYS.relativize(f), JourneyTest.read(f)));
        }
        return documents;
    }

    /** README.md-3.graphql → the README's third graphql block. */
    private static Map<String, String> markdownBlocks() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.walk(Path.of("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        Map<String, String> blocks = new LinkedHashMap<>();
        for (Path page : pages) {
            Matcher block = BLOCK.matcher(Files.readString(page));
            for (int n = 1; block.find(); n++) {
                blocks.put(page.toString().replace('/', '_') + "-" + n + ".graphql", block.group(1));
            }
        }
        return blocks;
    }

    private static int write(Map<String, String> documents) throws IOException {
        for (Map.Entry<String, String> document : documents.entrySet()) {
            Path file = OUT.resolve(document.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, document.getValue(), StandardCharsets.UTF_8);
        }
        return documents.size();
    }

    /** Node.js, with the tool's own graphql-js installed from its package-lock.json. */
    private static String node() {
        if (!Files.isDirectory(TOOL.resolve("node_modules/graphql"))) {
            fail("graphql-js is not installed for " + TOOL + ": run once  " + SETUP);
        }
        try {
            run(List.of("node", "--version"));
        } catch (IOException | InterruptedException e) {
            fail("Node.js (node) is not on the PATH: run once  " + SETUP);
        }
        return "node";
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 2 minutes");
        }
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " found problems (the documents are in " + OUT + "):\n" + output);
        }
        return output;
    }
}
