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

    @Autowired
    DatasetLoader datasets;

    static Stream<String> journeys() throws IOException {
        try (Stream<Path> dirs = Files.list(JOURNEYS)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("journeys")
    void finishesTheirDayWithTheirOwnToken(String user) {
        datasets.load(datasets.generate(Scale.DEMO), line -> { });
        Journey journey = Journey.of(user, JOURNEYS.resolve(user));
        assertThat(journey.steps()).as("steps of " + user).isNotEmpty();
        assertThat(journey.steps().stream().filter(step -> step.as() == null)).as("steps " + user + " takes themself")
                .isNotEmpty();
        for (Step step : journey.steps()) {
            GraphQlTester.Response response = as(journey.actor(step)).document(step.document())
                    .variables(journey.variables(step)).execute();
            try {
                response.errors().verify();
            } catch (AssertionError e) {
                fail(user + " / " + step.name() + " was refused or failed: " + e.getMessage());
            }
            journey.check(step, response);
        }
    }

    /** Reads a journey file; the README's walkthrough quotes them (see ReadmeWalkthroughTest). */
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
