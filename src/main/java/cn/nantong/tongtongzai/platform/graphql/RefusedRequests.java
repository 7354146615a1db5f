package cn.nantong.tongtongzai.platform.graphql;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/** A request refused before GraphQL runs, answered in GraphQL's error shape so clients read every error alike. */
final class RefusedRequests {

    private RefusedRequests() {
    }

    /** The message and code are constants of this package: no escaping needed. */
    static void answer(HttpServletResponse response, int status, ErrorCode code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"code\":\"" + code + "\"}}]}");
    }
}
