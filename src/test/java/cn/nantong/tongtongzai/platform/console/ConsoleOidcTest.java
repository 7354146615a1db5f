package cn.nantong.tongtongzai.platform.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.nantong.tongtongzai.TongtongzaiApplication;
import cn.nantong.tongtongzai.support.FreePort;
import cn.nantong.tongtongzai.support.HeadlessChromium;

/**
 * The console's prod sign-in against a real OpenID Connect provider: Spring Authorization Server on its own port
 * (a second, small application context) with the console registered as a public client that must use PKCE, one
 * user who logs in on its login page, and a token customizer that puts the service's claims into the access token.
 * The service runs in the prod profile and accepts that provider's tokens through its JWK set.
 */
class ConsoleOidcTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLIENT_ID = "tongtong-console";

    @TempDir
    static Path store;

    static ConfigurableApplicationContext provider;
    static ConfigurableApplicationContext app;
    static HeadlessChromium chromium;
    static String issuer;
    static String base;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startProviderServiceAndBrowser() {
        chromium = HeadlessChromium.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(60_000);
        int providerPort = FreePort.find();
        int servicePort = FreePort.find();
        issuer = "http://localhost:" + providerPort;
        base = "http://localhost:" + servicePort;
        String client = "--spring.security.oauth2.authorizationserver.client.console.";
        provider = new SpringApplicationBuilder(CityIdentityProvider.class).run(
                "--spring.config.name=console-oidc-provider", // not the service's application.yml
                "--server.port=" + providerPort,
                "--console.origin=" + base,
                "--spring.security.oauth2.authorizationserver.issuer=" + issuer,
                client + "registration.client-id=" + CLIENT_ID,
                client + "registration.client-authentication-methods=none",
                client + "registration.authorization-grant-types=authorization_code",
                client + "registration.redirect-uris=" + base + "/console/," + base + "/m/",
                client + "registration.post-logout-redirect-uris=" + base + "/console/," + base + "/m/",
                client + "registration.scopes=openid",
                client + "require-proof-key=true",
                client + "require-authorization-consent=false");
        app = new SpringApplicationBuilder(TongtongzaiApplication.class).run(
                "--spring.profiles.active=prod",
                "--server.port=" + servicePort,
                "--spring.neo4j.uri=",
                "--tongtong.neo4j.embedded.directory=" + store,
                "--tongtong.neo4j.embedded.bolt-port=" + FreePort.find(),
                "--tongtong.demo-data.enabled=true",
                "--tongtong.knowledge.backfill-on-start=false",
                "--tongtong.security.pseudonym-key=a-test-pseudonym-key-of-thirty-two-characters-or-more",
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer + "/oauth2/jwks",
                "--tongtong.security.jwt.issuer=" + issuer,
                "--tongtong.console.oidc.issuer=" + issuer,
                "--tongtong.console.oidc.client-id=" + CLIENT_ID);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void inProdThePageNamesTheProviderMayConnectOnlyToItAndHasNoDemoUsers() throws Exception {
        HttpResponse<String> page = get(base + "/console/");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .contains(ConsolePages.contentSecurityPolicy(issuer));
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("connect-src 'self' " + issuer + ";");
        JsonNode signIn = JSON.readTree(get(base + "/console/sign-in.json").body());
        assertThat(signIn.get("issuer").asString()).isEqualTo(issuer);
        assertThat(signIn.get("clientId").asString()).isEqualTo(CLIENT_ID);
        assertThat(get(base + "/console/demo-tokens").statusCode()).isEqualTo(404);
    }

    @Test
    void aSecretarySignsInOnTheProvidersLoginPageLandsOnTheirScreensAndSignsOutThereToo() throws Exception {
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = tab.page();
            toProviderLogin(tab);
            page.locator("input[name=username]").fill("dm-secretary");
            page.locator("input[name=password]").fill("secretary-password");
            page.locator("button[type=submit]").click();

            assertThat(page.locator("header.top")).isVisible();
            assertThat(page.locator("nav.side a")).hasText(new String[] {"工作概览", "居民需求", "任务", "智能匹配", "应急动员", "评价与约谈", "报到审核", "党员", "居民"});
            assertThat(page.locator("h1")).hasText("德民社区 · 工作概览");
            assertThat(page).hasURL(base + "/console/"); // the code and state are gone from the address

            String token = (String) page.evaluate("JSON.parse(sessionStorage.getItem('tongtongzai.session')).token");
            JsonNode me = api(token, "{ me { id roles communityId } }").get("me");
            assertThat(me.get("roles").get(0).asString()).isEqualTo("COMMUNITY_SECRETARY");
            assertThat(me.get("communityId").asString()).isEqualTo("320613001001");
            assertThat(page.evaluate("sessionStorage.getItem('tongtongzai.oidc.pending')")).isNull();

            // signing out ends the provider's session too: back on the console, the next sign-in asks for the password
            // (the provider answers the end-session request once it has ended its session; then it sends the page back)
            page.waitForResponse(response -> response.url().startsWith(issuer + "/connect/logout"),
                    () -> page.getByText("退出登录").click());
            assertThat(page).hasURL(base + "/console/");
            assertThat(page.locator("button[data-sign-in=oidc]")).isVisible();
            assertThat(page.evaluate("sessionStorage.getItem('tongtongzai.session')")).isNull();
            toProviderLogin(tab);
            assertThat(tab.outsideRequests()).as("requests to other hosts").isEmpty();
            assertThat(tab.consoleErrors()).as("console errors").isEmpty();
        }
    }

    @Test
    void anAnswerWithAnotherStateThanTheTabSentIsRefused() throws Exception {
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = tab.page();
            toProviderLogin(tab); // this tab's attempt waits with its own state
            assertThat(page.evaluate("sessionStorage.length")).isEqualTo(0); // the provider's origin: nothing of ours

            // an answer someone else started (a login CSRF): another state, a code the page must not exchange
            page.navigate(base + "/console/?code=a-code-from-elsewhere&state=forged-by-someone-else");
            assertThat(page.locator("[role=alert]")).containsText("state 不符");
            assertThat(page.locator("button[data-sign-in=oidc]")).isVisible();
            assertThat(page.locator("header.top")).hasCount(0);
            assertThat(page).hasURL(base + "/console/");
            assertThat(page.evaluate("sessionStorage.getItem('tongtongzai.session')")).isNull();
            assertThat(page.evaluate("sessionStorage.getItem('tongtongzai.oidc.pending')")).isNull(); // used once
            assertThat(tab.outsideRequests()).as("requests to other hosts").isEmpty();
        }
    }

    private static void toProviderLogin(HeadlessChromium.Tab tab) {
        Page page = tab.page();
        page.navigate(base + "/console/");
        page.locator("button[data-sign-in=oidc]").click();
        try {
            assertThat(page).hasURL(issuer + "/login");
        } catch (AssertionError stayed) { // say why: the page's refusal and the browser's errors
            throw new AssertionError("still on the console: " + page.url() + " " + page.locator("main").innerText() + " " + tab.consoleErrors(), stayed);
        }
    }

    private static JsonNode api(String token, String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("query", query)))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("errors")).as(response.body()).isNull();
        return body.get("data");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The city's identity provider as the test plays it: Boot's authorization server (client from the properties
     * above), one user, CORS for the console's origin (discovery and the token exchange are fetched by the page),
     * and the service's claims in the access token. Not a @Configuration, so the service's component scan, which
     * sees the test classes, never picks it up.
     */
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
            ErrorMvcAutoConfiguration.class, SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class, OAuth2AuthorizationServerAutoConfiguration.class,
            OAuth2AuthorizationServerJwtAutoConfiguration.class})
    static class CityIdentityProvider {

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("dm-secretary").password("{noop}secretary-password").roles("USER").build());
        }

        /** The claims the service reads (docs/console.md): roles and the scope ids they need. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> serviceClaims() {
            return context -> {
                if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                        && "dm-secretary".equals(context.getPrincipal().getName())) {
                    context.getClaims().claim("roles", List.of("COMMUNITY_SECRETARY"))
                            .claim("community_id", "320613001001");
                }
            };
        }

        /** Before Spring Security's filters, so discovery, the JWK set and the token endpoint all answer it. */
        @Bean
        FilterRegistrationBean<CorsFilter> cors(Environment environment) {
            CorsConfiguration console = new CorsConfiguration();
            console.addAllowedOrigin(environment.getRequiredProperty("console.origin"));
            console.addAllowedMethod("GET");
            console.addAllowedMethod("POST");
            console.addAllowedHeader("*");
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/**", console);
            FilterRegistrationBean<CorsFilter> filter = new FilterRegistrationBean<>(new CorsFilter(source));
            filter.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return filter;
        }
    }
}
