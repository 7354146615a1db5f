package cn.nantong.tongtongzai.platform.graphql;

import java.util.Map;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.ErrorType;

/**
 * Bounds what one GraphQL document may ask for, so a single request cannot walk the whole tree: its depth
 * (nested fields) and its complexity (fields in all). A document beyond either is refused before anything
 * runs, with a stable code like every other refusal (QUERY_TOO_DEEP, QUERY_TOO_COMPLEX).
 */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(@Value("${tongtong.graphql.max-depth:20}") int maxDepth) {
        return new MaxQueryDepthInstrumentation(maxDepth) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int max) {
                return new Refused("QUERY_TOO_DEEP", "查询嵌套过深：" + depth + "层，最多" + max + "层。");
            }
        };
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(
            @Value("${tongtong.graphql.max-complexity:2000}") int maxComplexity) {
        return new MaxQueryComplexityInstrumentation(maxComplexity) {
            @Override
            protected AbortExecutionException mkAbortException(int complexity, int max) {
                return new Refused("QUERY_TOO_COMPLEX", "查询字段过多：复杂度" + complexity + "，最多" + max + "。");
            }
        };
    }

    /** A document refused before it runs. */
    static final class Refused extends AbortExecutionException {

        private final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        @Override
        public Map<String, Object> getExtensions() {
            return Map.of("code", code, "classification", ErrorType.BAD_REQUEST.name());
        }
    }
}
