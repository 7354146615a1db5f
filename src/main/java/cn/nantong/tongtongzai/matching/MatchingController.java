package cn.nantong.tongtongzai.matching;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import cn.nantong.tongtongzai.member.Member;
import cn.nantong.tongtongzai.member.MemberService;
import cn.nantong.tongtongzai.platform.graphql.Validation;

import static cn.nantong.tongtongzai.platform.graphql.Batches.join;

/** graphql/matching.graphqls */
@Controller
class MatchingController {

    record MatchingWeightsInput(Integer proximity, Integer skillLevel, Integer postCategory, Integer fairness,
            Integer continuity, Integer satisfaction, Integer difficulty) {
    }

    record MatchScore(long hard, long medium, long soft) {
    }

    private final Recommendations recommendations;
    private final MemberService members;

    MatchingController(Recommendations recommendations, MemberService members) {
        this.recommendations = recommendations;
        this.members = members;
    }

    @QueryMapping
    List<Recommendation> recommendMembers(@Argument String taskId, @Argument Integer first,
            @Argument MatchingWeightsInput weights) {
        return recommendations.recommend(taskId, first, weights(weights));
    }

    @BatchMapping(typeName = "Recommendation")
    Map<Recommendation, Member> member(List<Recommendation> list) {
        return join(list, Recommendation::memberId,
                members.members(list.stream().map(Recommendation::memberId).filter(Objects::nonNull).toList()));
    }

    @SchemaMapping(typeName = "Recommendation")
    MatchScore score(Recommendation recommendation) {
        return new MatchScore(recommendation.hard(), recommendation.medium(), recommendation.soft());
    }

    /** The defaults, overridden by the weights given; each 0 … 100. */
    static MatchingWeights weights(MatchingWeightsInput input) {
        MatchingWeights d = MatchingWeights.DEFAULT;
        if (input == null) {
            return d;
        }
        MatchingWeights w = new MatchingWeights(or(input.proximity(), d.proximity()), or(input.skillLevel(), d.skillLevel()),
                or(input.postCategory(), d.postCategory()), or(input.fairness(), d.fairness()),
                or(input.continuity(), d.continuity()), or(input.satisfaction(), d.satisfaction()),
                or(input.difficulty(), d.difficulty()));
        new Validation().require(List.of(w.proximity(), w.skillLevel(), w.postCategory(), w.fairness(), w.continuity(),
                        w.satisfaction(), w.difficulty()).stream().allMatch(x -> x >= 0 && x <= 100),
                "weights", "INVALID_WEIGHT", "权重须在0至100之间（0表示不考虑该项）。").throwIfInvalid();
        return w;
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }
}
