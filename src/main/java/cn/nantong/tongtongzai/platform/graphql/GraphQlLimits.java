package cn.nantong.tongtongzai.platform.graphql;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bounds what one GraphQL document may ask for, so a single request cannot walk the whole tree. */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(@Value("${tongtong.graphql.max-depth:20}") int maxDepth) {
        return new MaxQueryDepthInstrumentation(maxDepth);
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(
            @Value("${tongtong.graphql.max-complexity:2000}") int maxComplexity) {
        return new MaxQueryComplexityInstrumentation(maxComplexity);
    }
}
