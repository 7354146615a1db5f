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
 * Explains a plan seat by seat: the constraints each filled seat (member or team) meets or breaks, with
 * the score they bring and the words a secretary reads. Constraints over a member's or a team's seats
 * together (fairness, the weekly cap) are told at each of their seats.
 */
@Component
class PlanExplainer {

    /** The score one seat brings and why. */
    record SeatExplanation(long hard, long medium, long soft, List<Reason> reasons) {
    }

    /** Member seats and team seats, each with its explanation. */
    record Explained(Map<Seat, SeatExplanation> seats, Map<TeamSeat, SeatExplanation> teamSeats) {

        static final Explained NONE = new Explained(Map.of(), Map.of());
    }

    private final SolutionManager<MatchingPlan, HardMediumSoftLongScore> solutionManager;

    PlanExplainer(SolutionManager<MatchingPlan, HardMediumSoftLongScore> solutionManager) {
        this.solutionManager = solutionManager;
    }

    Explained explain(MatchingPlan plan) {
        Map<Object, List<Object>> seatsOf = new HashMap<>(); // member or team → their filled seats
        plan.getSeats().stream().filter(s -> s.getMember() != null)
                .forEach(s -> seatsOf.computeIfAbsent(s.getMember(), k -> new ArrayList<>()).add(s));
        plan.getTeamSeats().stream().filter(s -> s.getTeam() != null)
                .forEach(s -> seatsOf.computeIfAbsent(s.getTeam(), k -> new ArrayList<>()).add(s));
        Map<Object, List<ConstraintMatch<HardMediumSoftLongScore>>> matches = new HashMap<>();
        ScoreExplanation<MatchingPlan, HardMediumSoftLongScore> explanation = solutionManager.explain(plan);
        for (ConstraintMatchTotal<HardMediumSoftLongScore> total : explanation.getConstraintMatchTotalMap().values()) {
            for (ConstraintMatch<HardMediumSoftLongScore> match : total.getConstraintMatchSet()) {
                List<Object> concerned = new ArrayList<>();
                for (Object indicted : match.getIndictedObjectList()) {
                    if (indicted instanceof Seat || indicted instanceof TeamSeat) {
                        concerned.add(indicted);
                    } else if ((indicted instanceof Candidate || indicted instanceof Team) && concerned.isEmpty()) {
                        concerned.addAll(seatsOf.getOrDefault(indicted, List.of()));
                    }
                }
                concerned.forEach(seat -> matches.computeIfAbsent(seat, k -> new ArrayList<>()).add(match));
            }
        }
        Map<Seat, SeatExplanation> seats = new HashMap<>();
        Map<TeamSeat, SeatExplanation> teamSeats = new HashMap<>();
        matches.forEach((seat, list) -> {
            if (seat instanceof Seat s && s.getMember() != null) {
                seats.put(s, explanation(list, (name, score) -> new Reason(name,
                        Explanations.kind(name, score.hardScore(), score.softScore(), s.getMember().historyMinutes() == 0),
                        Explanations.text(name, s.getMember(), s.getTask()), impact(score))));
            } else if (seat instanceof TeamSeat t && t.getTeam() != null) {
                teamSeats.put(t, explanation(list, (name, score) -> new Reason(name,
                        Explanations.kind(name, score.hardScore(), score.softScore(), t.getTeam().historyMinutes() == 0),
                        Explanations.teamText(name, t.getTeam(), t), impact(score))));
            }
        });
        return new Explained(seats, teamSeats);
    }

    private static SeatExplanation explanation(List<ConstraintMatch<HardMediumSoftLongScore>> list,
            java.util.function.BiFunction<String, HardMediumSoftLongScore, Reason> reason) {
        long hard = 0;
        long medium = 0;
        long soft = 0;
        List<Reason> reasons = new ArrayList<>();
        for (ConstraintMatch<HardMediumSoftLongScore> match : list) {
            HardMediumSoftLongScore score = match.getScore();
            hard += score.hardScore();
            medium += score.mediumScore();
            soft += score.softScore();
            reasons.add(reason.apply(match.getConstraintName(), score));
        }
        reasons.sort(Comparator.comparing((Reason r) -> !"BREAKS_RULE".equals(r.kind()))
                .thenComparing(r -> -Math.abs(r.impact())));
        return new SeatExplanation(hard, medium, soft, reasons);
    }

    private static long impact(HardMediumSoftLongScore score) {
        return score.hardScore() != 0 ? score.hardScore() : score.softScore();
    }
}
