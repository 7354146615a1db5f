package cn.nantong.tongtongzai.evaluation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The thresholds of 活动评单 and its consequences ({@code tongtong.evaluation.*}). A rating of
 * {@code satisfiedScore} or more counts as satisfied; satisfaction = satisfied ratings / ratings.
 * A member whose yearly satisfaction is below {@code interviewBelow} (70 %) is on the interview list (约谈)
 * once they have at least {@code minimumRatings} ratings that year — one unhappy rating alone is not a
 * pattern. The award-recommendation list (评先评优) needs {@code awardSatisfaction} and {@code awardHours}
 * in the year, the same minimum of ratings, and no negative-list entry that year.
 *
 * @param satisfiedScore the rating (1–5) from which a rating counts as satisfied
 * @param interviewBelow yearly satisfaction below this puts a member on the interview list (约谈)
 * @param minimumRatings ratings in the year a member needs before satisfaction counts for either list
 * @param awardSatisfaction yearly satisfaction the award list (评先评优) needs
 * @param awardHours service hours in the year the award list needs
 */
@ConfigurationProperties("tongtong.evaluation")
public record EvaluationRules(
        @DefaultValue("4") int satisfiedScore,
        @DefaultValue("0.70") double interviewBelow,
        @DefaultValue("3") int minimumRatings,
        @DefaultValue("0.95") double awardSatisfaction,
        @DefaultValue("20") double awardHours) {
}
