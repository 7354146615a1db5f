package cn.nantong.tongtongzai.platform.migration;

import org.neo4j.driver.Driver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Migrations run while the context starts, before the web server accepts requests.
 * Beans that need the migrated schema (demo data, for one) depend on {@link MigratedSchema}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MigrationProperties.class)
class MigrationConfiguration {

    @Bean
    MigrationRunner migrationRunner(Driver driver, MigrationProperties properties) {
        return new MigrationRunner(driver, properties.location());
    }

    @Bean
    MigratedSchema migratedSchema(MigrationRunner runner) {
        return new MigratedSchema(runner.migrate());
    }
}
