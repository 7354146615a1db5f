package cn.nantong.tongtongzai.support;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

import cn.nantong.tongtongzai.platform.neo4j.GraphChanges;

/**
 * The service learns of every commit to the shared test database, as it does of the embedded one in production, so
 * what it keeps between writes is tested as it runs. Not with {@code -Dtongtong.test.neo4j=process}: as against an
 * external server, nothing is watched and nothing kept.
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(TestGraphChanges.InThisProcess.class)
public class TestGraphChanges {

    @Bean(destroyMethod = "close")
    GraphChanges graphChanges() {
        return GraphChanges.watching(TestNeo4j.managementService().orElseThrow(), GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    }

    static class InThisProcess implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TestNeo4j.managementService().isPresent();
        }
    }
}
