package cn.nantong.tongtongzai.platform.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The bearer token from the Authorization header, as everywhere; and for an upload posted by a plain HTML form
 * ({@code multipart/form-data} to a path under /imports/), which cannot set a header, from its
 * {@code access_token} field. Never from a URL, where it would end up in logs and browser history.
 */
final class FormBearerTokens implements BearerTokenResolver {

    static final String FIELD = "access_token";

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String token = header.resolve(request);
        if (token != null || !isFormUpload(request)) {
            return token;
        }
        String query = request.getQueryString();
        if (query != null && java.util.Arrays.stream(query.split("&")).anyMatch(pair -> pair.startsWith(FIELD + "="))) {
            return null; // the servlet's parameters mix the URL's in: a token there is not taken
        }
        String field = request.getParameter(FIELD);
        return field == null || field.isBlank() ? null : field.strip();
    }

    private static boolean isFormUpload(HttpServletRequest request) {
        String type = request.getContentType();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && path.startsWith("/imports/") && type != null
                && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }
}
