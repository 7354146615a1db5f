package cn.nantong.tongtongzai.platform.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.SecurityException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import cn.nantong.tongtongzai.TongtongzaiApplication;
import cn.nantong.tongtongzai.support.FreePort;

/**
 * The embedded database's Bolt port, as the probe met it (issue 19, finding 2): without credentials it read every
 * phone number, and a web page on the same host could reach it over WebSocket from any Origin.
 */
@ExtendWith(OutputCaptureExtension.class)
class BoltAccessTest {

    private static final String PROD_SECRET = "a-deployment-secret-that-only-the-issuer-knows";

    private static final String PROD_PSEUDONYM_KEY = "a-prod-pseudonym-key-of-its-own-0123456789";

    @TempDir
    static Path laptopStore;

    static ConfigurableApplicationContext laptop;
    static int laptopBolt;

    @TempDir
    Path store;

    @BeforeAll
    static void startAsOnALaptop() {
        laptopBolt = FreePort.find();
        laptop = start(laptopStore, laptopBolt);
    }

    @AfterAll
    static void stop() {
        laptop.close();
    }

    @Test
    void boltRefusesCallersWithoutCredentialsByDefault() {
        try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + laptopBolt, AuthTokens.none())) {
            assertThatThrownBy(driver::verifyConnectivity).isInstanceOf(SecurityException.class);
        }
    }

    @Test
    void aGeneratedPasswordKeptOwnerOnlyInTheDataDirectoryOpensBolt() throws IOException {
        Path file = laptopStore.resolve("bolt-password");
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(memberCount(laptopBolt, AuthTokens.basic("neo4j", password))).isZero();
        try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + laptopBolt, AuthTokens.basic("neo4j", "neo4j"))) {
            assertThatThrownBy(driver::verifyConnectivity).isInstanceOf(SecurityException.class);
        }
    }

    @Test
    void theGeneratedPasswordSurvivesARestart() throws IOException {
        int bolt = FreePort.find();
        String first;
        try (ConfigurableApplicationContext app = start(store, bolt)) {
            first = Files.readString(store.resolve("bolt-password")).strip();
        }
        try (ConfigurableApplicationContext app = start(store, bolt)) {
            assertThat(Files.readString(store.resolve("bolt-password")).strip()).isEqualTo(first);
            assertThat(memberCount(bolt, AuthTokens.basic("neo4j", first))).isZero();
        }
    }

    @Test
    void theProdProfileRefusesToStartWithBoltAuthenticationOff(CapturedOutput output) {
        assertThatThrownBy(() -> start(store, FreePort.find(), "--spring.profiles.active=prod",
                "--tongtong.security.jwt.secret=" + PROD_SECRET, "--tongtong.security.pseudonym-key=" + PROD_PSEUDONYM_KEY,
                "--tongtong.neo4j.embedded.auth-enabled=false").close())
                .isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START").contains("tongtong.neo4j.embedded.auth-enabled=true");
    }

    @Test
    void boltOverWebSocketAcceptsOnlyTheServicesOwnOrigin() throws Exception {
        URI bolt = URI.create("ws://127.0.0.1:" + laptopBolt + "/");
        HttpClient client = HttpClient.newHttpClient();
        assertThatThrownBy(() -> client.newWebSocketBuilder().header("Origin", "http://evil.example")
                .buildAsync(bolt, new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(403));

        WebSocket accepted = client.newWebSocketBuilder().header("Origin", "http://localhost:" + httpPort(laptop))
                .buildAsync(bolt, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
        accepted.abort();
    }

    @Test
    void neo4jBrowserGetsThePasswordOnlyOnTheLaptopsOwnLoopback() throws IOException {
        String password = Files.readString(laptopStore.resolve("bolt-password")).strip();
        int port = httpPort(laptop);
        assertThat(get(port, "/browser/", "localhost:" + port)).startsWith("HTTP/1.1 200").contains(password);
        // a page of another site whose name points here (DNS rebinding) asks with its own Host
        assertThat(get(port, "/browser/", "evil.example:" + port)).startsWith("HTTP/1.1 302").doesNotContain(password);
        // someone else's request, forwarded by a reverse proxy on this machine
        assertThat(get(port, "/browser/", "127.0.0.1:" + port, "X-Forwarded-For: 192.0.2.7"))
                .startsWith("HTTP/1.1 302").doesNotContain(password);
    }

    @Test
    void inProdNeo4jBrowserAsksForThePassword() throws IOException {
        try (ConfigurableApplicationContext app = start(store, FreePort.find(), "--spring.profiles.active=prod",
                "--tongtong.security.jwt.secret=" + PROD_SECRET, "--tongtong.security.pseudonym-key=" + PROD_PSEUDONYM_KEY,
                "--tongtong.neo4j.embedded.password=prod-secret-通通在")) {
            int port = httpPort(app);
            String response = get(port, "/browser/", "localhost:" + port);
            assertThat(response).startsWith("HTTP/1.1 302").contains("neo4j@127.0.0.1")
                    .doesNotContain("prod-secret").doesNotContain("NO_AUTH");
        }
    }

    private static long memberCount(int bolt, AuthToken token) {
        try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + bolt, token)) {
            return driver.executableQuery("MATCH (m:Member) RETURN count(m) AS n").execute().records().getFirst()
                    .get("n").asLong();
        }
    }

    /** A plain HTTP/1.1 GET with the Host header given (HTTP clients refuse to set it). */
    private static String get(int port, String path, String host, String... headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            OutputStream out = socket.getOutputStream();
            String more = headers.length == 0 ? "" : String.join("\r\n", headers) + "\r\n";
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + more + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int httpPort(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static ConfigurableApplicationContext start(Path store, int bolt, String... more) {
        String[] common = {"--server.port=0", "--spring.neo4j.uri=", "--tongtong.neo4j.embedded.directory=" + store,
                "--tongtong.security.pseudonym-key-file=" + store.resolve("pseudonym-key"),
                "--tongtong.neo4j.embedded.bolt-port=" + bolt, "--tongtong.demo-data.enabled=false"};
        String[] args = new String[common.length + more.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(more, 0, args, common.length, more.length);
        return new SpringApplicationBuilder(TongtongzaiApplication.class).run(args);
    }
}
