package cn.nantong.tongtongzai.platform.browser;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriComponentsBuilder;

import cn.nantong.tongtongzai.platform.neo4j.EmbeddedNeo4j;

/**
 * Serves Neo4j Browser (the static app in org.neo4j.client:neo4j-browser, under {@code browser/}) at
 * {@code /browser/}, preset to the database this service uses. The browser talks Bolt over WebSocket
 * straight to the database; this service only hands out the page.
 */
@Controller
class Neo4jBrowserController implements WebMvcConfigurer {

    private final URI boltUri;
    private final boolean noAuth;

    Neo4jBrowserController(ObjectProvider<EmbeddedNeo4j> embedded, Environment environment) {
        EmbeddedNeo4j neo4j = embedded.getIfAvailable();
        this.boltUri = neo4j != null ? neo4j.boltUri() : URI.create(environment.getRequiredProperty("spring.neo4j.uri"));
        this.noAuth = neo4j != null && !neo4j.properties().authEnabled();
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/browser/**").addResourceLocations("classpath:/browser/");
    }

    /** Opens the app with the connect form filled in: {@code dbms} is the Bolt URI to connect to. */
    @GetMapping({"/browser", "/browser/"})
    String browser(@RequestParam(required = false) String dbms, HttpServletRequest request) {
        if (dbms != null) {
            return "forward:/browser/index.html";
        }
        UriComponentsBuilder target = UriComponentsBuilder.fromPath("/browser/")
                .queryParam("dbms", boltUri.toString());
        if (noAuth) {
            target.queryParam("preselectAuthMethod", "NO_AUTH");
        }
        return "redirect:" + target.encode().build().toUriString();
    }
}
