package cn.nantong.tongtongzai.platform.browser;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriComponentsBuilder;

import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4j;
import cn.nantong.tongtongzai.platform.web.LoopbackRequest;

/**
 * Serves Neo4j Browser (the static app in org.neo4j.client:neo4j-browser, under {@code browser/}) at
 * {@code /browser/}, preset to the database this service uses. The browser talks Bolt over WebSocket
 * straight to the database; this service only hands out the page.
 *
 * <p>With the embedded database the connect form is filled in with user {@code neo4j}. Neo4j Browser 5.24 takes no
 * password from its URL (only {@code dbms=bolt://user@host:port}, {@code db}, {@code preselectAuthMethod}), so on the
 * laptop — default profile, Bolt on loopback, asked from this machine by a loopback name — {@code /browser/} first
 * shows the password to paste ({@link SignInPage}). Anyone else types it: in {@code prod}, with Bolt on the network,
 * from another machine, or from a page whose host name merely points here (DNS rebinding).
 *
 * <p>Its scripts are served so that it reaches nothing but this service and the database: no fonts, analytics,
 * feedback widget or crash reports from elsewhere ({@link NoOutgoingConnections}); the embedded database tells it
 * {@code client.allow_telemetry=false}, so it shows no usage-data banner.
 */
@Controller
class Neo4jBrowserController implements WebMvcConfigurer {

    private final URI connectUri;
    private final String authMethod;
    private final Optional<String> laptopPassword;

    Neo4jBrowserController(ObjectProvider<EmbeddedNeo4j> embedded, Environment environment) {
        EmbeddedNeo4j neo4j = embedded.getIfAvailable();
        if (neo4j == null) {
            this.connectUri = URI.create(environment.getRequiredProperty("spring.neo4j.uri"));
            this.authMethod = null;
            this.laptopPassword = Optional.empty();
        } else {
            URI bolt = neo4j.boltUri();
            boolean auth = neo4j.password().isPresent();
            this.connectUri = auth ? URI.create(bolt.getScheme() + "://neo4j@" + bolt.getRawAuthority()) : bolt;
            this.authMethod = auth ? "NATIVE" : "NO_AUTH";
            boolean laptop = neo4j.loopbackOnly() && !environment.acceptsProfiles(Profiles.of("prod"));
            this.laptopPassword = laptop ? neo4j.password() : Optional.empty();
        }
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/browser/**").addResourceLocations("classpath:/browser/")
                .resourceChain(true) // transformed once, then cached
                .addTransformer(new NoOutgoingConnections());
    }

    /** The app itself, once {@code dbms} (the Bolt URI to connect to) is in the address. */
    @GetMapping(path = {"/browser", "/browser/"}, params = "dbms")
    String app() {
        return "forward:/browser/index.html";
    }

    /** Opens the app with the connect form filled in; on the laptop, shows the password to paste first. */
    @GetMapping(path = {"/browser", "/browser/"}, params = "!dbms")
    ResponseEntity<String> start(HttpServletRequest request) {
        UriComponentsBuilder target = UriComponentsBuilder.fromPath("/browser/").queryParam("dbms", connectUri.toString());
        if (authMethod != null) {
            target.queryParam("preselectAuthMethod", authMethod);
        }
        String app = target.encode().build().toUriString();
        if (laptopPassword.isPresent() && LoopbackRequest.fromThisMachine(request)) {
            return ResponseEntity.ok()
                    .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                    .cacheControl(CacheControl.noStore())
                    .header("Referrer-Policy", "no-referrer")
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                    .body(SignInPage.html(app, connectUri.toString(), laptopPassword.get()));
        }
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, app).build();
    }
}
