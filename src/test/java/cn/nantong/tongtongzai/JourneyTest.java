package cn.nantong.tongtongzai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import cn.nantong.tongtongzai.dataset.DatasetLoader;
import cn.nantong.tongtongzai.dataset.RowSet;
import cn.nantong.tongtongzai.dataset.Scale;
import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.Journey;
import cn.nantong.tongtongzai.support.Journey.Step;

/**
 * Every role's day, end to end: each directory of {@code src/test/resources/journeys/} is one demo user's
 * journey (the directory's name is the user of {@code token demo}), each file one GraphQL document, run in name
 * order over HTTP against a fresh demo database with that user's token only — except steps that say
 * {@code # as: <user>}, where the story needs someone else (the secretary who confirms a registration). A step
 * that answers with any error fails the journey; see {@link Journey} for the step format.
 */
class JourneyTest extends IntegrationTest {

    static final Path JOURNEYS = Path.of("src/test/resources/journeys");

    /** The demo data, generated once for all journeys (deterministic; dated from today) and loaded fresh for each. */
    private static List<RowSet> demo;

    @Autowired
    DatasetLoader datasets;

    /** Every journey, or only those named in {@code -Dtongtong.journeys=resident,analyst}. */
    static Stream<String> journeys() throws IOException {
        List<String> only = List.of(System.getProperty("tongtong.journeys", "").split(","));
        try (Stream<Path> dirs = Files.list(JOURNEYS)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(name -> only.equals(List.of("")) || only.contains(name)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("journeys")
    void finishesTheirDayWithTheirOwnToken(String user) {
        if (demo == null) {
            demo = datasets.generate(Scale.DEMO);
        }
        datasets.load(demo, line -> { });
        Journey journey = Journey.of(user, JOURNEYS.resolve(user));
        assertThat(journey.steps()).as("steps of " + user).isNotEmpty();
        assertThat(journey.steps().stream().filter(step -> step.as() == null)).as("steps " + user + " takes themself")
                .isNotEmpty();
        for (Step step : journey.steps()) {
            GraphQlTester.Response response = run(journey, step);
            for (int attempt = 1; !journey.done(step, response) && attempt < 60; attempt++) {
                pause();
                response = run(journey, step);
            }
            assertThat(journey.done(step, response)).as(step.name() + " until " + step.until()).isTrue();
            journey.check(step, response);
        }
    }

    private GraphQlTester.Response run(Journey journey, Step step) {
        GraphQlTester.Response response = as(journey.actor(step)).document(step.document())
                .variables(journey.variables(step)).execute();
        try {
            response.errors().verify();
        } catch (AssertionError e) {
            fail(step.name() + " was refused or failed: " + e.getMessage());
        }
        return response;
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads a journey file; docs/four-orders.md's walkthrough quotes them (see WalkthroughTest). */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(String user) throws IOException {
        try (Stream<Path> files = Files.list(JOURNEYS.resolve(user))) {
            return files.filter(f -> f.toString().endsWith(".graphql")).sorted().toList();
        }
    }
}
