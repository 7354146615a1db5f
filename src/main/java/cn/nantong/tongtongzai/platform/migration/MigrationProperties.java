package cn.nantong.tongtongzai.platform.migration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The schema migrations ({@code tongtong.migrations.*}).
 *
 * @param location where the V###__name.cypher files are (a Spring resource pattern)
 */
@ConfigurationProperties("tongtong.migrations")
public record MigrationProperties(@DefaultValue("classpath*:cypher/migrations/") String location) {
}
