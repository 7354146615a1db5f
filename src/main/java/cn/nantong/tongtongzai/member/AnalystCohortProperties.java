package cn.nantong.tongtongzai.member;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which members analysts may see ({@code tongtong.security.analyst-cohorts.*}).
 *
 * @param freshFor how long the released cohorts (community, gender, birth decade with five or more members) are
 *        kept before they are counted again
 */
@ConfigurationProperties("tongtong.security.analyst-cohorts")
public record AnalystCohortProperties(@DefaultValue("1m") Duration freshFor) {
}
