package cn.nantong.tongtongzai.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.constraint.ConstraintMatch;
import org.optaplanner.core.api.score.constraint.ConstraintMatchTotal;
import org.optaplanner.core.api.solver.SolutionManager;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.matching.CandidateLoader.LoadedTask;
import cn.nantong.tongtongzai.matching.Recommendation.Reason;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;

/**
 * 为任务推荐党员: every member registered with the task's community is put into one seat of the task, and
 * the constraints score all of them in one pass (one seat each, so nobody competes with anybody); the
 * candidates are ranked by that score — rules first, then preferences — each with its reasons.
 */
@Service
public class Recommendations {

    static final int MAX = 50;

    private final CandidateLoader loader;
    private final SolutionManager<MatchingPlan, HardMediumSoftLongScore> solutionManager;

    Recommendations(CandidateLoader loader, SolutionManager<MatchingPlan, HardMediumSoftLongScore> solutionManager) {
        this.loader = loader;
        this.solutionManager = solutionManager;
    }

    public List<Recommendation> recommend(String taskId, Integer first, MatchingWeights weights) {
        int limit = first == null ? 10 : first;
        if (limit < 1 || limit > MAX) {
            throw new UserInputException("INVALID_PAGE", "first 须在1至" + MAX + "之间。");
        }
        LoadedTask task = loader.task(taskId).orElseThrow(() -> new UserInputException("TASK_NOT_FOUND", "找不到该任务。"));
        if (!List.of("DRAFT", "PUBLISHED", "IN_PROGRESS").contains(task.state())) {
            throw new UserInputException("TASK_NOT_OPEN", "任务已结束或已取消，无需推荐。");
        }
        List<Candidate> candidates = loader.candidates(List.of(task.fact().communityId()), task.claimedBy(), List.of(task.fact().id()));
        List<Seat> seats = new ArrayList<>();
        Map<Seat, Candidate> seatOf = new HashMap<>();
        for (Candidate candidate : candidates) {
            Seat seat = new Seat(task.fact().id() + "#" + candidate.id(), task.fact(), candidate, false);
            seats.add(seat);
            seatOf.put(seat, candidate);
        }
        MatchingPlan plan = new MatchingPlan(candidates, List.of(task.fact()), seats, weights);
        ScoreExplanation<MatchingPlan, HardMediumSoftLongScore> explanation = solutionManager.explain(plan);

        Map<Candidate, List<ConstraintMatch<HardMediumSoftLongScore>>> matches = new HashMap<>();
        for (ConstraintMatchTotal<HardMediumSoftLongScore> total : explanation.getConstraintMatchTotalMap().values()) {
            for (ConstraintMatch<HardMediumSoftLongScore> match : total.getConstraintMatchSet()) {
                for (Object indicted : match.getIndictedObjectList()) {
                    Candidate candidate = indicted instanceof Seat seat ? seatOf.get(seat)
                            : indicted instanceof Candidate c ? c : null;
                    if (candidate != null) {
                        matches.computeIfAbsent(candidate, k -> new ArrayList<>()).add(match);
                        break;
                    }
                }
            }
        }
        List<Recommendation> ranked = new ArrayList<>();
        for (Candidate candidate : candidates) {
            long hard = 0;
            long medium = 0;
            long soft = 0;
            List<Reason> reasons = new ArrayList<>();
            for (ConstraintMatch<HardMediumSoftLongScore> match : matches.getOrDefault(candidate, List.of())) {
                HardMediumSoftLongScore score = match.getScore();
                hard += score.hardScore();
                medium += score.mediumScore();
                soft += score.softScore();
                reasons.add(new Reason(match.getConstraintName(),
                        Explanations.kind(match.getConstraintName(), score.hardScore(), score.softScore(), candidate),
                        Explanations.text(match.getConstraintName(), candidate, task.fact()),
                        score.hardScore() != 0 ? score.hardScore() : score.softScore()));
            }
            reasons.sort(Comparator.comparing((Reason r) -> !"BREAKS_RULE".equals(r.kind()))
                    .thenComparing(r -> -Math.abs(r.impact())));
            ranked.add(new Recommendation(0, candidate.id(), hard == 0, hard, medium, soft, reasons));
        }
        ranked.sort(Comparator.comparingLong(Recommendation::hard).reversed()
                .thenComparing(Comparator.comparingLong(Recommendation::soft).reversed())
                .thenComparing(Recommendation::memberId));
        List<Recommendation> top = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, ranked.size()); i++) {
            Recommendation r = ranked.get(i);
            top.add(new Recommendation(i + 1, r.memberId(), r.feasible(), r.hard(), r.medium(), r.soft(), r.reasons()));
        }
        return top;
    }
}
