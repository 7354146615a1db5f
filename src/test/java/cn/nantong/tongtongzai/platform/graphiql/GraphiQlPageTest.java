package cn.nantong.tongtongzai.platform.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;

import cn.nantong.tongtongzai.platform.security.DemoUsers;
import cn.nantong.tongtongzai.support.IntegrationTest;

/**
 * GraphiQL's page over HTTP: it names only this service's files, each served without a token, under a policy that
 * allows nothing else; its sign-in helper hands demo tokens only to this machine. (OfflineFrontEndsTest runs the
 * page in Chromium; ProdProfileTest checks both are gone in prod.)
 */
class GraphiQlPageTest extends IntegrationTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    record DemoTokenJson(String name, String role, String label, String token) {
    }

    @LocalServerPort
    int port;

    @Test
    void thePageLoadsOnlyThisServicesFilesAndEachIsServedWithoutAToken() {
        var page = anonymousWeb.get().uri("/graphiql").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", GraphiQlPage.CONTENT_SECURITY_POLICY)
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> assets = ASSET.matcher(page).results().map(match -> match.group(1)).toList();
        assertThat(assets).contains("/webjars/react/umd/react.production.min.js",
                "/webjars/react-dom/umd/react-dom.production.min.js", "/webjars/graphiql/graphiql.min.js",
                "/webjars/graphiql/graphiql.min.css", "/graphiql/assets/page.js", "/graphiql/assets/page.css");
        assertThat(assets).allMatch(asset -> asset.startsWith("/"));
        assertThat(GraphiQlPage.CONTENT_SECURITY_POLICY).doesNotContain("http", "*");
        for (String asset : assets) {
            anonymousWeb.get().uri(asset).exchange().expectStatus().isOk();
        }
    }

    @Test
    void otherWebJarsStillNeedAToken() {
        anonymousWeb.get().uri("/webjars/webjars-locator-lite/anything.js").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void thisMachineGetsATokenForEachDemoUserAndTheyWork() {
        List<DemoTokenJson> tokens = anonymousWeb.get().uri("/graphiql/demo-tokens").exchange()
                .expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(new ParameterizedTypeReference<List<DemoTokenJson>>() { })
                .returnResult().getResponseBody();
        assertThat(tokens).extracting(DemoTokenJson::name).containsExactlyElementsOf(DemoUsers.NAMES);
        String cityAdmin = tokens.stream().filter(token -> token.name().equals("city-admin")).findFirst().orElseThrow().token();

        anonymous.mutate().header(HttpHeaders.AUTHORIZATION, "Bearer " + cityAdmin).build()
                .document("{ about { databaseMode } }").execute()
                .path("about.databaseMode").entity(String.class).isEqualTo("EXTERNAL");
    }

    @Test
    void noDemoTokensForAnotherMachineOrSite() throws IOException {
        assertThat(get("localhost:" + port)).startsWith("HTTP/1.1 200").contains("city-admin");
        // a page of another site whose name points here (DNS rebinding) asks with its own Host
        assertThat(get("evil.example:" + port)).startsWith("HTTP/1.1 404").doesNotContain("eyJ");
        // someone else's request, forwarded by a reverse proxy on this machine
        assertThat(get("127.0.0.1:" + port, "X-Forwarded-For: 192.0.2.7")).startsWith("HTTP/1.1 404").doesNotContain("eyJ");
        assertThat(get("127.0.0.1:" + port, "Forwarded: for=192.0.2.7")).startsWith("HTTP/1.1 404").doesNotContain("eyJ");
    }

    /** GET /graphiql/demo-tokens over plain HTTP/1.1 with the Host header given (HTTP clients refuse to set it). */
    private String get(String host, String... headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            OutputStream out = socket.getOutputStream();
            String more = headers.length == 0 ? "" : String.join("\r\n", headers) + "\r\n";
            out.write(("GET /graphiql/demo-tokens HTTP/1.1\r\nHost: " + host + "\r\n" + more + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
