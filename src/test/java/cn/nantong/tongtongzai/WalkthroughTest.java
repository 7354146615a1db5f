package cn.nantong.tongtongzai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The 点单 → 评单 walkthrough of docs/four-orders.md is the resident's journey (src/test/resources/journeys/resident), which
 * {@link JourneyTest} runs on the demo data: the page's block must be those files, in order, without the lines
 * only the runner reads. When a journey file changes, this test prints the block to paste.
 */
class WalkthroughTest {

    private static final String START = "<!-- walkthrough: journeys/resident -->";
    private static final String END = "<!-- /walkthrough -->";

    @Test
    void theWalkthroughIsTheResidentsJourney() throws IOException {
        String readme = Files.readString(Path.of("docs/four-orders.md"));
        assertThat(readme).contains(START, END);
        String block = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END)).strip();
        assertThat(block).as("paste this between the walkthrough markers of docs/four-orders.md").isEqualTo(expected());
    }

    static String expected() throws IOException {
        List<Path> files = JourneyTest.files("resident");
        String steps = files.stream().map(file -> JourneyTest.read(file).lines()
                        .filter(line -> !line.matches("# (save|expect|until):.*"))
                        .collect(Collectors.joining("\n")).strip())
                .collect(Collectors.joining("\n\n"));
        return "```graphql\n" + steps + "\n```";
    }
}
