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
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.matching.Recommendation.Reason;

/**
 * Explains a plan seat by seat: the constraints each filled seat meets or breaks, with the score they
 * bring and the words a secretary reads. Constraints over a member's seats together (fairness, the weekly
 * cap) are told at each of that member's seats.
 */
@Component
class PlanExplainer {

    /** The score one seat brings and why. */
    record SeatExplanation(long hard, long medium, long soft, List<Reason> reasons) {
    }

    private final SolutionManager<MatchingPlan, HardMediumSoftLongScore> solutionManager;

    PlanExplainer(SolutionManager<MatchingPlan, HardMediumSoftLongScore> solutionManager) {
        this.solutionManager = solutionManager;
    }

    Map<Seat, SeatExplanation> explain(MatchingPlan plan) {
        Map<Candidate, List<Seat>> seatsOf = new HashMap<>();
        for (Seat seat : plan.getSeats()) {
            if (seat.getMember() != null) {
                seatsOf.computeIfAbsent(seat.getMember(), k -> new ArrayList<>()).add(seat);
            }
        }
        Map<Seat, List<ConstraintMatch<HardMediumSoftLongScore>>> matches = new HashMap<>();
        ScoreExplanation<MatchingPlan, HardMediumSoftLongScore> explanation = solutionManager.explain(plan);
        for (ConstraintMatchTotal<HardMediumSoftLongScore> total : explanation.getConstraintMatchTotalMap().values()) {
            for (ConstraintMatch<HardMediumSoftLongScore> match : total.getConstraintMatchSet()) {
                List<Seat> concerned = new ArrayList<>();
                for (Object indicted : match.getIndictedObjectList()) {
                    if (indicted instanceof Seat seat) {
                        concerned.add(seat);
                    } else if (indicted instanceof Candidate member && concerned.isEmpty()) {
                        concerned.addAll(seatsOf.getOrDefault(member, List.of()));
                    }
                }
                concerned.forEach(seat -> matches.computeIfAbsent(seat, k -> new ArrayList<>()).add(match));
            }
        }
        Map<Seat, SeatExplanation> explained = new HashMap<>();
        matches.forEach((seat, list) -> {
            if (seat.getMember() == null) {
                return;
            }
            long hard = 0;
            long medium = 0;
            long soft = 0;
            List<Reason> reasons = new ArrayList<>();
            for (ConstraintMatch<HardMediumSoftLongScore> match : list) {
                HardMediumSoftLongScore score = match.getScore();
                hard += score.hardScore();
                medium += score.mediumScore();
                soft += score.softScore();
                reasons.add(new Reason(match.getConstraintName(),
                        Explanations.kind(match.getConstraintName(), score.hardScore(), score.softScore(), seat.getMember()),
                        Explanations.text(match.getConstraintName(), seat.getMember(), seat.getTask()),
                        score.hardScore() != 0 ? score.hardScore() : score.softScore()));
            }
            reasons.sort(Comparator.comparing((Reason r) -> !"BREAKS_RULE".equals(r.kind()))
                    .thenComparing(r -> -Math.abs(r.impact())));
            explained.put(seat, new SeatExplanation(hard, medium, soft, reasons));
        });
        return explained;
    }
}
