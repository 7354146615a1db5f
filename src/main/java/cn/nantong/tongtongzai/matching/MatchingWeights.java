package cn.nantong.tongtongzai.matching;

/**
 * The weight of each soft constraint, as a secretary tunes them; 0 switches one off. Hard constraints
 * and the cost of an empty seat are fixed: an empty seat costs more than any soft preference and less
 * than breaking a rule.
 */
public record MatchingWeights(int proximity, int skillLevel, int postCategory, int fairness, int continuity,
        int satisfaction, int difficulty) {

    public static final MatchingWeights DEFAULT = new MatchingWeights(10, 5, 10, 1, 20, 1, 10);
}
