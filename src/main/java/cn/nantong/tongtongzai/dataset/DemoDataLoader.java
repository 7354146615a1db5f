package cn.nantong.tongtongzai.dataset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.StartupRefusedException;
import cn.nantong.tongtongzai.platform.migration.MigratedSchema;

/**
 * Loads the {@code demo} scale at start-up when {@code tongtong.demo-data.enabled} is true (the default
 * for {@code mvn spring-boot:run}) and the database holds no organisation yet; it never touches a
 * database that already has one.
 */
@Component
@ConditionalOnBooleanProperty("tongtong.demo-data.enabled")
class DemoDataLoader implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DatasetLoader loader;

    /** Takes the migrated schema only to start after the migrations (constraints and reference data). */
    DemoDataLoader(DatasetLoader loader, MigratedSchema schema) {
        this.loader = loader;
    }

    @Override
    public void afterPropertiesSet() {
        if (loader.interrupted()) {
            throw new StartupRefusedException("Loading the demo data was interrupted: the database holds half of it.",
                    "Stop the service, delete the store (tongtong.neo4j.embedded.directory, ./data/neo4j by default) "
                            + "and start again; the demo data is loaded into an empty database.");
        }
        if (loader.hasOrganisation()) {
            log.info("Demo data: skipped, the database already holds an organisation");
            return;
        }
        log.info("Demo data: loading the demo scale (1 street, 10 communities, 1,000 members)");
        loader.load(loader.generate(Scale.DEMO), log::debug);
    }
}
