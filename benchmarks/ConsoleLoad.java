import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * The console's dashboard from a cold load until its data is drawn (issue 22): for each demo user given, `runs`
 * times, a fresh Chromium profile (nothing cached) is signed in as that user, opens /console/ and waits for
 * `.dashboard[data-ready=true]` — every figure shown and every chart drawn. The time is the page's own clock
 * (performance.now() at ready, from the start of the navigation). Prints p50, p95 and max per user.
 * Usage (classpath with Playwright, see benchmarks/console-dashboard.sh): java ConsoleLoad.java BASE RUNS USER...
 */
public class ConsoleLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int runs = Integer.parseInt(args[1]);
        String tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/console/demo-tokens")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of(System.getProperty("chromium", "/usr/bin/chromium"))).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu")));
            for (int i = 2; i < args.length; i++) {
                String user = args[i];
                String token = tokenOf(tokens, user);
                once(browser, base, token); // the service's first requests for this user warm its caches and JIT
                List<Double> times = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    times.add(once(browser, base, token));
                }
                Collections.sort(times);
                System.out.printf("%-20s runs %d  p50 %6.0f ms  p95 %6.0f ms  max %6.0f ms%n", user, runs,
                        percentile(times, 0.50), percentile(times, 0.95), times.getLast());
            }
        }
    }

    /** One cold load: a new profile, the session put where the sign-in would put it, then the dashboard. */
    private static double once(Browser browser, String base, String token) {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 768))) {
            Page page = context.newPage();
            page.navigate(base + "/console/demo-tokens"); // same origin, so the session can be stored before /console/
            page.evaluate("token => fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json', "
                    + "Authorization: 'Bearer ' + token }, body: JSON.stringify({ query: '{ me { id roles memberId residentId communityId gridId groupId unitId streetId } }' }) })"
                    + ".then(r => r.json()).then(b => sessionStorage.setItem('tongtongzai.session', "
                    + "JSON.stringify({ name: 'benchmark', label: 'benchmark', token, viewer: b.data.me })))", token);
            context.clearCookies();
            page.navigate(base + "/console/#/dashboard");
            page.waitForSelector(".dashboard[data-ready=true]", new Page.WaitForSelectorOptions().setTimeout(120_000));
            return ((Number) page.evaluate("performance.now()")).doubleValue();
        }
    }

    private static String tokenOf(String json, String user) {
        Matcher token = Pattern.compile("\"name\":\"" + Pattern.quote(user) + "\"[^}]*\"token\":\"([^\"]+)\"").matcher(json);
        if (!token.find()) {
            throw new IllegalArgumentException("no demo user " + user + " (is the service in the default profile, on this machine?)");
        }
        return token.group(1);
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
