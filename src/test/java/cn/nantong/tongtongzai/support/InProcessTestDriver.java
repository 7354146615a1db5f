package cn.nantong.tongtongzai.support;

import org.neo4j.driver.Driver;
import org.springframework.boot.neo4j.autoconfigure.Neo4jProperties;
import org.springframework.boot.neo4j.health.Neo4jHealthIndicator;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

import cn.nantong.tongtongzai.platform.neo4j.inprocess.InProcessDriver;

/**
 * The service under test talks to the shared test database through the in-process driver, as the embedded
 * service does in production; Boot's Bolt driver backs off. Not with {@code -Dtongtong.test.neo4j=bolt|process}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(InProcessTestDriver.InProcessMode.class)
public class InProcessTestDriver {

    @Bean(destroyMethod = "close")
    Driver neo4jDriver(Neo4jProperties driverSettings) {
        return InProcessDriver.of(TestNeo4j.inProcess().orElseThrow(), driverSettings.getMaxTransactionRetryTime());
    }

    @Bean
    Neo4jHealthIndicator neo4jHealthIndicator(Driver driver) {
        return new Neo4jHealthIndicator(driver);
    }

    static class InProcessMode implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TestNeo4j.inProcess().isPresent();
        }
    }
}
