package cn.nantong.tongtongzai.platform.security;

import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** graphql/security.graphqls: {@code me}. */
@Controller
class ViewerController {

    @QueryMapping
    Actor me(@ContextValue Actor actor) {
        return actor;
    }
}
