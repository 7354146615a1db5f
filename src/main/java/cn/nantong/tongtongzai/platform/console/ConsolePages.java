package cn.nantong.tongtongzai.platform.console;

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
 * 通通在工作台: {@code /console/} for secretaries (desktop) and {@code /m/} for members and residents (phone), served
 * entirely by this service — the pages and their ES modules from {@code classpath:console-page/}, Vue and ECharts
 * from their WebJars. No Node build: plain JavaScript modules. The pages use only the public GraphQL API with the
 * bearer token (the console is the reference front end for other teams); the pages themselves need no token.
 */
@Controller
@ConditionalOnBooleanProperty(name = "tongtong.console.enabled", matchIfMissing = true)
class ConsolePages implements WebMvcConfigurer {

    /**
     * Only this origin. No inline script and no eval: Vue's runtime-only build renders functions written in the
     * modules; ECharts and Vue set styles through the DOM, which the policy allows.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private final String desktop;
    private final String phone;

    ConsolePages() {
        this.desktop = read("console-page/console.html");
        this.phone = read("console-page/m.html");
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

    private static ResponseEntity<String> page(String html) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .body(html);
    }
}
