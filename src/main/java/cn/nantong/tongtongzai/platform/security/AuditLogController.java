package cn.nantong.tongtongzai.platform.security;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.platform.graphql.Page;
import cn.nantong.tongtongzai.platform.graphql.Listing;
import cn.nantong.tongtongzai.platform.graphql.OrderDirection;
import cn.nantong.tongtongzai.platform.security.AuditTrail.AuditFilter;

/** graphql/security.graphqls: {@code auditLog} (who may ask is in AccessPolicy: the city's administrators). */
@Controller
class AuditLogController {

    private final AuditTrail trail;

    AuditLogController(AuditTrail trail) {
        this.trail = trail;
    }

    @QueryMapping
    DataFetcherResult<Window<AuditEntry>> auditLog(@Argument AuditFilter filter, @Argument OrderDirection order,
            ScrollSubrange subrange, DataFetchingEnvironment env) {
        Page page = Page.of(subrange);
        return Listing.of(env, page.window(trail.find(filter, order == OrderDirection.ASC, page)), () -> trail.count(filter));
    }
}
