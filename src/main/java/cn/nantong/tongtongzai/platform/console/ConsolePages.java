package cn.nantong.tongtongzai.platform.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;


import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * 通通在工作台: {@code /console/} for secretaries (desktop) and {@code /m/} for members and residents (phone), served
 * entirely by this service — the pages and their ES modules from {@code classpath:console-page/}, Vue and ECharts
 * from their WebJars. No Node build: plain JavaScript modules. The pages use only the public GraphQL API with the
 * bearer token (the console is the reference front end for other teams); the pages themselves need no token.
 */
@Controller
@ConditionalOnBooleanProperty(name = "tongtong.console.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsolePages implements WebMvcConfigurer {

    /**
     * Only this origin. No inline script and no eval: Vue's runtime-only build renders functions written in the
     * modules; ECharts and Vue set styles through the DOM, which the policy allows.
     */
    static final String CONTENT_SECURITY_POLICY = contentSecurityPolicy("");

    private final String desktop;
    private final String phone;
    private final String policy;
    private final Map<String, String> signIn;

    /**
     * With an OpenID Connect issuer (prod), the page signs in there itself (a public client with PKCE): it may then
     * connect to the issuer's origin, and only to it, for discovery and the token exchange.
     */
    ConsolePages(ConsoleProperties properties) {
        String issuer = properties.oidc().issuer();
        String clientId = properties.oidc().clientId();
        this.desktop = read("console-page/console.html");
        this.phone = read("console-page/m.html");
        boolean oidc = !issuer.isBlank() && !clientId.isBlank();
        this.policy = contentSecurityPolicy(oidc ? origin(issuer) : "");
        this.signIn = oidc ? Map.of("issuer", issuer.replaceAll("/+$", ""), "clientId", clientId) : Map.of();
    }

    /** Only this origin (and the identity provider's, when given). */
    static String contentSecurityPolicy(String issuerOrigin) {
        String connect = issuerOrigin.isEmpty() ? "'self'" : "'self' " + issuerOrigin;
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src " + connect + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** scheme://host[:port] of the issuer: a path in connect-src would not cover its other endpoints. */
    static String origin(String issuer) {
        URI uri = URI.create(issuer);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("tongtong.console.oidc.issuer is not an absolute URL: " + issuer);
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String read(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(path + " is missing from the jar", e);
        }
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // no-cache: a new release is picked up at once (each module is revalidated, not fetched again)
        registry.addResourceHandler("/console/assets/**").addResourceLocations("classpath:/console-page/assets/")
                .setCacheControl(CacheControl.noCache());
    }

    @GetMapping({"/console", "/console/"})
    ResponseEntity<String> console() {
        return page(desktop);
    }

    @GetMapping({"/m", "/m/"})
    ResponseEntity<String> phone() {
        return page(phone);
    }

    /** How the page signs in: {issuer, clientId} of the identity provider, or {} (demo users, default profile). */
    @GetMapping("/console/sign-in.json")
    ResponseEntity<Map<String, String>> signIn() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(signIn);
    }

    private ResponseEntity<String> page(String html) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", policy)
                .header("Referrer-Policy", "no-referrer")
                .body(html);
    }
}
