package cn.nantong.tongtongzai.knowledge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The request classifier's settings ({@code tongtong.knowledge.*}); the defaults are the ones RequestClassifier
 * explains (THRESHOLD, SECOND_THRESHOLD).
 *
 * @param confidenceThreshold a request is classified automatically from this confidence up (precision ≥ 0.95 on
 *        held-out data); below it the secretary sees the top three categories
 * @param secondCategoryThreshold a second need is named when its category reaches this confidence and keywords of
 *        its own skills matched
 * @param backfillOnStart classify earlier requests and read members' profiles in the background on start
 */
@ConfigurationProperties("tongtong.knowledge")
public record KnowledgeProperties(
        @DefaultValue(RequestClassifier.THRESHOLD) double confidenceThreshold,
        @DefaultValue(RequestClassifier.SECOND_THRESHOLD) double secondCategoryThreshold,
        @DefaultValue("true") boolean backfillOnStart) {
}
