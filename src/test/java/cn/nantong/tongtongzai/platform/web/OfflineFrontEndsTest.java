package cn.nantong.tongtongzai.platform.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import cn.nantong.tongtongzai.support.DemoService;
import cn.nantong.tongtongzai.support.HeadlessChromium;

/**
 * GraphiQL and Neo4j Browser in a real headless Chromium that can reach nothing but this machine, against the
 * service as {@code mvn spring-boot:run} starts it (embedded database, demo data): each page works, and neither
 * tries to reach a CDN, a font service or a telemetry endpoint — every attempt is recorded and fails the test.
 */
class OfflineFrontEndsTest {

    /** What the pages looked like, for a person to check (not compared). */
    private static final Path SCREENSHOTS = Path.of("target/browser-tests");

    static HeadlessChromium chromium;
    static String base;

    @BeforeAll
    static void serviceAndBrowser() {
        chromium = HeadlessChromium.shared(); // first: without Chromium, fail at once with the install hint
        // 2 cores shared with the service and the suite: a first query may take a while
        PlaywrightAssertions.setDefaultAssertionTimeout(60_000);
        base = DemoService.base();
    }

    @Test
    void graphiqlRunsAQueryAsTheChosenDemoUser() {
        try (HeadlessChromium.Tab tab = chromium.open()) {
            Page page = tab.page();
            page.navigate(base + "/graphiql");

            page.locator("#demo-user").selectOption("city-admin");
            Locator headers = page.locator(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror");
            assertThat(headers).containsText("\"Authorization\": \"Bearer eyJ");

            page.locator(".graphiql-execute-button").click();
            Locator result = page.locator(".result-window");
            assertThat(result).containsText("城东街道");
            assertThat(result).containsText("\"databaseMode\": \"EMBEDDED\"");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("graphiql.png")));

            assertThat(tab.outsideRequests()).as("requests to other hosts").isEmpty();
            assertThat(tab.consoleErrors()).as("console errors").noneMatch(error -> error.contains("Content Security Policy"));
        }
    }

    @Test
    void neo4jBrowserConnectsAndRunsAnAnalystQuery() throws IOException {
        String query = Files.readString(Path.of("cypher/queries/streets-overview.cypher"));
        try (HeadlessChromium.Tab tab = chromium.open()) {
            Page page = tab.page();
            page.navigate(base + "/browser/");
            String password = page.locator("#password").innerText().strip();
            page.getByText("打开 Neo4j Browser / Open Neo4j Browser").click();

            page.locator("[data-testid=password]").fill(password);
            page.locator("[data-testid=connect]").click();
            assertThat(page.getByText("Connected to Neo4j")).isVisible();
            Locator editor = page.locator("[data-testid=activeEditor]");
            editor.click();
            page.keyboard().insertText(query);
            page.locator("[data-testid=editor-Run]").click();

            Locator frame = page.locator("[data-testid=frame]").filter(new Locator.FilterOptions().setHasText("城东街道"));
            assertThat(frame.first()).containsText("320613001");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("neo4j-browser.png")));

            // the server says client.allow_telemetry=false: no usage-data consent banner
            assertThat(page.getByText("To help make Neo4j Browser better")).hasCount(0);
            assertThat(tab.outsideRequests()).as("requests to other hosts").isEmpty();
        }
    }
}
