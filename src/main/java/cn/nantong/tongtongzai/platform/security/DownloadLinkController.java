package cn.nantong.tongtongzai.platform.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.security.DownloadLinks.DownloadLink;
import cn.nantong.tongtongzai.platform.security.DownloadLinks.Target;

/**
 * graphql/security.graphqls: {@code downloadLink}. The files are the service's spreadsheet downloads (every GET
 * ending in .xlsx), found in its request mappings so that a new export is linkable without a list to keep.
 */
@Controller
class DownloadLinkController {

    private static final int MAX_URL = 2_000;

    private final DownloadLinks links;
    // none when the jar runs a command-line tool without a web server: then there is nothing to download either
    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile Set<String> files;

    DownloadLinkController(DownloadLinks links,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.links = links;
        this.mappings = mappings;
    }

    @MutationMapping
    DownloadLink downloadLink(@Argument String url, @ContextValue Actor actor) {
        return links.create(actor, target(url));
    }

    /** The file and parameters of a relative URL such as /exports/report-back.xlsx?unitId=U1&quarter=2026-Q3. */
    private Target target(String url) {
        URI uri = null;
        try {
            uri = url.length() <= MAX_URL && url.startsWith("/") && !url.startsWith("//") ? new URI(url) : null;
        } catch (URISyntaxException e) {
            // refused below
        }
        if (uri == null || uri.getRawFragment() != null || !files().contains(uri.getPath())) {
            throw new UserInputException(ErrorCode.UNKNOWN_DOWNLOAD, "没有这个下载文件：请给出本服务的 .xlsx 下载地址，例如 "
                    + "/exports/report-back.xlsx?unitId=…&quarter=2026-Q3。");
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (!pair.isEmpty()) {
                    int equals = pair.indexOf('=');
                    String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                    parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
                }
            }
        }
        return new Target(uri.getPath(), parameters);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(ErrorCode.UNKNOWN_DOWNLOAD, "下载地址的参数编码不正确。");
        }
    }

    private Set<String> files() {
        if (files == null) {
            Set<String> found = new TreeSet<>();
            mappings.ifAvailable(handlers -> handlers.getHandlerMethods().keySet().forEach(info -> {
                if (info.getMethodsCondition().getMethods().contains(RequestMethod.GET)) {
                    info.getPatternValues().stream().filter(path -> path.endsWith(".xlsx")).forEach(found::add);
                }
            }));
            files = Set.copyOf(found);
        }
        return files;
    }
}
