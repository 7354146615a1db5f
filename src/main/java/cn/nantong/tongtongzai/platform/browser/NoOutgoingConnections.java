package cn.nantong.tongtongzai.platform.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ResourceTransformer;
import org.springframework.web.servlet.resource.ResourceTransformerChain;
import org.springframework.web.servlet.resource.TransformedResource;

/**
 * Neo4j Browser 5.24 as served here reaches nothing but this service and the database. Its scripts would otherwise,
 * with no setting to stop them on Community Edition (OfflineFrontEndsTest saw each):
 * <ul>
 * <li>import Google Fonts into its style sheet (the code font, Fira Code, ships in the jar; the rest falls back to
 * local fonts);</li>
 * <li>ignore {@code browser.allow_outgoing_connections} on Community Edition and, once connected, load Segment's
 * analytics and Canny's feedback scripts (and offer Browser Sync): here it behaves as with that setting false;</li>
 * <li>start Sentry, whose performance traces go out whatever the crash-report setting says: here it has no address
 * to send to.</li>
 * </ul>
 * Each rule is a pattern in the minified scripts; a new Neo4j Browser version may need new ones (the test says so).
 */
final class NoOutgoingConnections implements ResourceTransformer {

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("@import url\\(https://fonts\\.googleapis\\.com/[^)]*\\);"), ""),
            new Rule(Pattern.compile("(\\.shouldAllowOutgoingConnections=\\w+=>)[^,]+(,)"), "$1!1$2"),
            new Rule(Pattern.compile("dsn:\"https://[^\"]*sentry\\.io[^\"]*\""), "dsn:void 0"));

    @Override
    public Resource transform(HttpServletRequest request, Resource resource, ResourceTransformerChain chain)
            throws IOException {
        Resource transformed = chain.transform(request, resource);
        String name = transformed.getFilename();
        if (name == null || !name.endsWith(".js")) {
            return transformed;
        }
        String script = transformed.getContentAsString(StandardCharsets.UTF_8);
        String offline = script;
        for (Rule rule : RULES) {
            offline = rule.pattern().matcher(offline).replaceAll(rule.replacement());
        }
        return offline.equals(script) ? transformed
                : new TransformedResource(transformed, offline.getBytes(StandardCharsets.UTF_8));
    }
}
