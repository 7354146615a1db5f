package cn.nantong.tongtongzai.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.security.DownloadLinks.Target;

/**
 * Signs in a spreadsheet download that carries a {@code link} from {@code downloadLink} instead of a bearer header:
 * as the caller the link was made for, once, within its minute, for exactly its file and parameters. A link that
 * is unknown, used, expired or for something else answers 401 LINK_INVALID, and nothing is downloaded.
 */
final class DownloadLinkFilter extends OncePerRequestFilter {

    private final DownloadLinks links;

    DownloadLinkFilter(DownloadLinks links) {
        this.links = links;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || request.getParameter(DownloadLinks.PARAMETER) == null
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Actor actor = links.open(request.getParameter(DownloadLinks.PARAMETER), new Target(path, parameters)).orElse(null);
        if (actor == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("""
                    {"code":"%s","message":"下载链接已失效：链接只能使用一次，60秒内有效，且只用于生成时的文件。请重新生成。"}"""
                    .formatted(ErrorCode.LINK_INVALID));
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(actor.id(), null,
                actor.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList());
        authentication.setDetails(actor);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}
