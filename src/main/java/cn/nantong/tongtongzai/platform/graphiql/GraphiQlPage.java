package cn.nantong.tongtongzai.platform.graphiql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * GraphiQL at {@code /graphiql}, served entirely by this service: React, ReactDOM and GraphiQL from their WebJars
 * ({@code /webjars/…}), the page and its script from {@code classpath:graphiql-page/}. Spring for GraphQL's own page
 * loads them from a public CDN and stays on "Loading…" without internet, so it is switched off
 * ({@code spring.graphql.graphiql.enabled=false}). Off in prod ({@code tongtong.graphiql.enabled=false}).
 */
@Controller
@ConditionalOnBooleanProperty("tongtong.graphiql.enabled")
class GraphiQlPage implements WebMvcConfigurer {

    /**
     * Only this origin: the scripts and styles come from here, GraphiQL talks to /graphql here. Inline styles are
     * allowed because GraphiQL's editors set them; inline scripts are not.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private final String html;

    GraphiQlPage() {
        try {
            this.html = new ClassPathResource("graphiql-page/index.html").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("graphiql-page/index.html is missing from the jar", e);
        }
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/graphiql/assets/**").addResourceLocations("classpath:/graphiql-page/assets/");
    }

    @GetMapping({"/graphiql", "/graphiql/"})
    ResponseEntity<String> page() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .body(html);
    }
}
