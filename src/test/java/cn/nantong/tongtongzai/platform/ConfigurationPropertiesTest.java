package cn.nantong.tongtongzai.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import cn.nantong.tongtongzai.support.GeneratedFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/configuration.md is the table of the service's own properties, written from the metadata the configuration
 * processor derives from the {@code @ConfigurationProperties} records — names, types, defaults and descriptions come
 * from one place, the records, which IDEs read too.
 */
class ConfigurationPropertiesTest {

    static final Path TABLE = Path.of("docs/configuration.md");

    @Test
    void theTableOfPropertiesIsTheRecords() throws IOException {
        JsonNode metadata;
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<JsonNode> properties = new ArrayList<>();
        metadata.get("properties").forEach(properties::add);
        properties.sort(Comparator.comparing(p -> p.get("name").asString()));
        assertThat(properties).extracting(p -> p.get("name").asString())
                .contains("tongtong.graphql.max-cost", "tongtong.evaluation.satisfied-score", "tongtong.security.jwt.secret");
        StringBuilder table = new StringBuilder("""
                # Configuration: the service's own properties

                Written by `ConfigurationPropertiesTest` from the `@ConfigurationProperties` records (the configuration
                processor's metadata, which IDEs read too); rewrite it with `%s`. Set any of them as
                usual for Spring Boot: in `application.yml`, as `--name=value`, or as an environment variable
                (`TONGTONG_GRAPHQL_MAX_COST`). Spring Boot's own properties (server, logging, `spring.*`) are Spring
                Boot's; the few keys not yet in a record are named where they are used.

                | property | type | default | what it does |
                |---|---|---|---|
                """.formatted(GeneratedFile.UPDATE));
        for (JsonNode property : properties) {
            table.append("| `").append(property.get("name").asString()).append("` | ")
                    .append(type(property)).append(" | ")
                    .append(property.has("defaultValue") ? "`" + property.get("defaultValue").asString() + "`" : "").append(" | ")
                    .append(text(property)).append(" |\n");
        }
        GeneratedFile.check(TABLE, table.toString());
    }

    private static String type(JsonNode property) {
        String type = property.has("type") ? property.get("type").asString() : "";
        return type.substring(type.lastIndexOf('.') + 1).replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String text(JsonNode property) {
        String description = property.has("description") ? property.get("description").asString() : "";
        return description.replaceAll("\\{@code ([^}]*)}", "`$1`").replaceAll("\\{@link ([^}]*)}", "`$1`")
                .replace("|", "\\|").replaceAll("\\s+", " ").strip();
    }
}
