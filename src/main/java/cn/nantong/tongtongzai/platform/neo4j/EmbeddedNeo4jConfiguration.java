package cn.nantong.tongtongzai.platform.neo4j;

import java.net.URI;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.boot.neo4j.autoconfigure.Neo4jProperties;
import org.springframework.boot.neo4j.health.Neo4jHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import cn.nantong.tongtongzai.platform.StartupRefusedException;
import cn.nantong.tongtongzai.platform.neo4j.inprocess.InProcessDriver;

/**
 * Starts the embedded database. The service reaches it through an {@link InProcessDriver} — the driver's API
 * over the database's Java API, no Bolt round trip — so Spring Data, the transaction manager, the health
 * indicator and the service's code are the same as against an external server. With
 * {@code tongtong.neo4j.embedded.driver=bolt} Boot's ordinary driver connects over loopback Bolt instead
 * (slower; useful to compare). Either way Bolt stays open for Neo4j Browser, with the {@code neo4j} user's password
 * (the in-process driver needs none: it is the database's own Java API).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedNeo4jCondition.class)
@EnableConfigurationProperties(EmbeddedNeo4jProperties.class)
class EmbeddedNeo4jConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedNeo4j embeddedNeo4j(EmbeddedNeo4jProperties properties, Environment environment) {
        if (!properties.authEnabled() && environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new StartupRefusedException(
                    "The prod profile would open the embedded database's Bolt port without authentication: every "
                            + "process on the machine could read the phone numbers and the audit log.",
                    "Remove tongtong.neo4j.embedded.auth-enabled=false (env TONGTONG_NEO4J_EMBEDDED_AUTH_ENABLED) or set "
                            + "tongtong.neo4j.embedded.auth-enabled=true; the password is tongtong.neo4j.embedded.password "
                            + "or, when unset, generated into <tongtong.neo4j.embedded.directory>/bolt-password.");
        }
        return EmbeddedNeo4j.start(properties);
    }

    /** Whoever writes (the service, Neo4j Browser over Bolt), readers that keep what they read learn of it. */
    @Bean(destroyMethod = "close")
    GraphChanges graphChanges(EmbeddedNeo4j neo4j) {
        return neo4j.watchChanges();
    }

    @Bean
    Neo4jConnectionDetails neo4jConnectionDetails(EmbeddedNeo4j neo4j) {
        AuthToken token = neo4j.password().map(password -> AuthTokens.basic("neo4j", password)).orElse(AuthTokens.none());
        return new Neo4jConnectionDetails() {
            @Override
            public URI getUri() {
                return neo4j.boltUri();
            }

            @Override
            public AuthToken getAuthToken() {
                return token;
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(EmbeddedNeo4jCondition.class) // component scanning finds nested configurations on their own
    @ConditionalOnProperty(name = "tongtong.neo4j.embedded.driver", havingValue = "in-process", matchIfMissing = true)
    static class InProcess {

        @Bean(destroyMethod = "close")
        Driver neo4jDriver(EmbeddedNeo4j neo4j, Neo4jProperties driverSettings) {
            return InProcessDriver.of(neo4j.database(), driverSettings.getMaxTransactionRetryTime());
        }

        /** Boot would pick its reactive health check (reactor is on the class path); this driver is blocking only. */
        @Bean
        Neo4jHealthIndicator neo4jHealthIndicator(Driver driver) {
            return new Neo4jHealthIndicator(driver);
        }
    }
}
