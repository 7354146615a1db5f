package cn.nantong.tongtongzai.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ServiceWorkerPolicy;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}, or {@code -Dtongtong.test.chromium=PATH}), headless, driven by
 * Playwright — never a browser Playwright downloads. Nothing but this machine is reachable: host names other than
 * localhost do not resolve, and a page's request to another host is aborted. Every such attempt is recorded, so a
 * test can fail on it ({@link Tab#outsideRequests()}).
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern NETWORK_URL = Pattern.compile("^(?:https?|wss?|ftp)://(?:[^@/?#]*@)?(\\[[^\\]]*\\]|[^:/?#]*)",
            Pattern.CASE_INSENSITIVE);

    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    private static HeadlessChromium shared;

    /**
     * One Chromium for the test classes of a run (each tab has a fresh profile, so they share nothing else), closed
     * when the JVM exits; launching one costs a few seconds. Fails as {@link #launch} does without a browser.
     */
    public static synchronized HeadlessChromium shared() {
        if (shared == null) {
            shared = launch();
            HeadlessChromium browser = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(browser::close, "chromium-shutdown"));
        }
        return shared;
    }

    /** Starts Chromium, or fails saying how to install it: a browser test must not pass without a browser. */
    public static HeadlessChromium launch() {
        Path executable = Path.of(System.getProperty("tongtong.test.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("No Chromium at " + executable + ": the browser tests need Debian's. Install it "
                    + "with `apt-get install -y chromium chromium-driver fonts-noto-cjk` (.ci/run does so when it is "
                    + "missing), or point -Dtongtong.test.chromium at another Chromium.");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost, EXCLUDE 127.0.0.1")));
            return new HeadlessChromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A new tab in a fresh profile (no cookies, no local storage, no service workers). */
    public Tab open() {
        return open(1400, 900);
    }

    /** The same with a viewport of this size, e.g. 1366×768 (a secretary's desktop) or 390×844 (a phone). */
    public Tab open(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setLocale("zh-CN")
                .setServiceWorkers(ServiceWorkerPolicy.BLOCK));
        // 2 cores shared by the service, Chromium and the rest of the suite: allow slow pages rather than fail
        context.setDefaultTimeout(60_000);
        context.setDefaultNavigationTimeout(60_000);
        Tab tab = new Tab(context, context.newPage());
        context.onRequest(request -> tab.recordIfOutside(request.url()));
        context.route("**/*", route -> {
            if (isOutside(route.request().url())) {
                route.abort("blockedbyclient");
            } else {
                route.resume();
            }
        });
        tab.page.onWebSocket(socket -> tab.recordIfOutside(socket.url()));
        tab.page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                tab.consoleErrors.add(message.text());
            }
        });
        tab.page.onPageError(tab.consoleErrors::add);
        return tab;
    }

    static boolean isOutside(String url) {
        Matcher network = NETWORK_URL.matcher(url);
        return network.find() && !LOOPBACK.contains(network.group(1).toLowerCase());
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }

    /** One page, what it tried to reach outside this machine, and what it logged as errors. */
    public static final class Tab implements AutoCloseable {

        private final BrowserContext context;
        private final Page page;
        private final List<String> outsideRequests = new CopyOnWriteArrayList<>();
        private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

        private Tab(BrowserContext context, Page page) {
            this.context = context;
            this.page = page;
        }

        private void recordIfOutside(String url) {
            if (isOutside(url)) {
                outsideRequests.add(url);
            }
        }

        public Page page() {
            return page;
        }

        /** Every address not on this machine the page tried to reach (requests and WebSockets), in order. */
        public List<String> outsideRequests() {
            return List.copyOf(outsideRequests);
        }

        /** Console errors and uncaught exceptions, e.g. Content-Security-Policy refusals. */
        public List<String> consoleErrors() {
            return List.copyOf(consoleErrors);
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
