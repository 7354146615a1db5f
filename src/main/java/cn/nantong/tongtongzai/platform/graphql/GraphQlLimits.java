package cn.nantong.tongtongzai.platform.graphql;

import java.util.Map;

import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;

/**
 * Bounds what one GraphQL document may ask for, so a single request cannot walk the whole tree: its depth
 * (nested fields) and its cost (what it can return, {@link QueryCost}). A document beyond either is refused
 * before anything runs, with a stable code like every other refusal (QUERY_TOO_DEEP, QUERY_TOO_COMPLEX); the
 * depth is checked first, as the cheaper and the plainer answer.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphQlProperties.class)
class GraphQlLimits {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    MaxQueryDepthInstrumentation maxQueryDepth(GraphQlProperties properties) {
        return new MaxQueryDepthInstrumentation(properties.maxDepth()) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int max) {
                return new Refused(ErrorCode.QUERY_TOO_DEEP, "查询嵌套过深：" + depth + "层，最多" + max + "层。");
            }
        };
    }

    /**
     * 50,000 is eight times the costliest journey document (the analyst's figures and trend, about 6,100) and five
     * times a community's whole tree four levels down (about 4,700 for one, 9,400 for two); the probe's cycle costs
     * almost 10 billion. 10,000 or more counts as expensive: no journey document does.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    QueryCostLimit queryCostLimit(GraphQlProperties properties) {
        return new QueryCostLimit(properties.maxCost(), properties.expensiveCost(), properties.maxExpensivePerSubject());
    }

    /**
     * 10,000 open subscriptions per replica: each holds a connection and a few kilobytes, and one event is checked
     * against every subscriber (docs/benchmarks.md: 1,000 are served well within a second on 2 cores); 20 per
     * subject cover every tab a person may open.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    SubscriptionLimit subscriptionLimit(GraphQlProperties properties) {
        return new SubscriptionLimit(properties.maxSubscriptions(), properties.maxSubscriptionsPerSubject());
    }

    /** A document refused before it runs. */
    static final class Refused extends AbortExecutionException {

        private final ErrorCode code;

        Refused(ErrorCode code, String message) {
            super(message);
            this.code = code;
        }

        @Override
        public Map<String, Object> getExtensions() {
            return Map.of("code", code.name(), "classification", ErrorType.BAD_REQUEST.name());
        }
    }
}
