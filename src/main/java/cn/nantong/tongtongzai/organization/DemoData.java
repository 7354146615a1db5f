package cn.nantong.tongtongzai.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.migration.MigratedSchema;

/**
 * A small demo organisation with real Nantong names, loaded at start-up (idempotently: MERGE on the
 * division codes) when {@code tongtong.demo-data.enabled} is true, as it is for {@code mvn spring-boot:run}.
 */
@Component
@ConditionalOnBooleanProperty("tongtong.demo-data.enabled")
class DemoData implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private static final String MERGE_STREETS = """
            UNWIND $streets AS row
            MERGE (s:Street {id: row.id})
              SET s.name = row.name, s.district = row.district
            WITH s, row
            UNWIND row.communities AS c
            MERGE (community:Community {id: c.id})
              SET community.name = c.name
            MERGE (s)-[:HAS_COMMUNITY]->(community)""";

    private final Driver driver;
    private final List<String> streetCodes;

    DemoData(Driver driver, MigratedSchema schema, @Value("${tongtong.demo-data.streets}") List<String> streetCodes) {
        this.driver = driver;
        this.streetCodes = streetCodes;
    }

    @Override
    public void afterPropertiesSet() {
        NantongDivisions divisions = NantongDivisions.load();
        List<Map<String, Object>> streets = new ArrayList<>();
        for (String code : streetCodes) {
            String name = divisions.name(code);
            if (name == null) {
                throw new IllegalStateException("tongtong.demo-data.streets: " + code + " is not a Nantong street code");
            }
            List<Map<String, String>> communities = divisions.communitiesOf(code).stream()
                    .map(c -> Map.of("id", c.getKey(), "name", c.getValue()))
                    .toList();
            streets.add(Map.of("id", code, "name", name, "district", divisions.districtNameOf(code),
                    "communities", communities));
        }
        try (Session session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run(MERGE_STREETS, Map.of("streets", streets)).consume());
        }
        log.info("Demo data: {} streets of Nantong with their communities", streets.size());
    }
}
