package cn.nantong.tongtongzai.platform.graphql;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a GraphQL request may cost this service ({@code tongtong.graphql.*}); why each default is what it is is
 * said where it is used (GraphQlLimits, LoadShedding, RequestTimeout).
 *
 * @param maxDepth how deep a document may nest (a tree level costs three: children, edges, node)
 * @param maxCost the most a document may cost before it runs (QueryCostLimit's estimate)
 * @param expensiveCost from this cost on a document counts as expensive
 * @param maxExpensivePerSubject how many expensive documents one signed-in subject may run at once
 * @param maxSubscriptions open subscriptions per replica
 * @param maxSubscriptionsPerSubject open subscriptions per signed-in subject
 * @param maxConcurrentRequests GraphQL requests run at once (0: as many as the server's threads)
 * @param queueTimeout how long a request waits for its turn before SERVICE_BUSY
 * @param requestTimeout how long a request may run before REQUEST_TIMEOUT
 */
@ConfigurationProperties("tongtong.graphql")
public record GraphQlProperties(
        @DefaultValue("20") int maxDepth,
        @DefaultValue("50000") long maxCost,
        @DefaultValue("10000") long expensiveCost,
        @DefaultValue("2") int maxExpensivePerSubject,
        @DefaultValue("10000") int maxSubscriptions,
        @DefaultValue("20") int maxSubscriptionsPerSubject,
        @DefaultValue("0") int maxConcurrentRequests,
        @DefaultValue("500ms") Duration queueTimeout,
        @DefaultValue("30s") Duration requestTimeout) {
}
