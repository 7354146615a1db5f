package cn.nantong.tongtongzai.platform.migration;

import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Migrations run while the context starts, before the web server accepts requests.
 * Beans that need the migrated schema (demo data, for one) depend on {@link MigratedSchema}.
 */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

    @Bean
    MigrationRunner migrationRunner(Driver driver,
            @Value("${tongtong.migrations.location:classpath*:cypher/migrations/}") String location) {
        return new MigrationRunner(driver, location);
    }

    @Bean
    MigratedSchema migratedSchema(MigrationRunner runner) {
        return new MigratedSchema(runner.migrate());
    }
}
