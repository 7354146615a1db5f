package cn.nantong.tongtongzai.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

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

    /** The score one seat brings and the constraint matches behind it. */
    record Scored(long hard, long medium, long soft, List<ConstraintMatch<HardMediumSoftLongScore>> matches) {

        static Scored of(List<ConstraintMatch<HardMediumSoftLongScore>> matches) {
            long hard = 0;
            long medium = 0;
            long soft = 0;
            for (ConstraintMatch<HardMediumSoftLongScore> match : matches) {
                hard += match.getScore().hardScore();
                medium += match.getScore().mediumScore();
                soft += match.getScore().softScore();
            }
            return new Scored(hard, medium, soft, matches);
        }

        SeatExplanation explained(List<Reason> reasons) {
            return new SeatExplanation(hard, medium, soft, reasons);
        }
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
        Map<Seat, SeatExplanation> seats = new HashMap<>();
        Map<TeamSeat, SeatExplanation> teamSeats = new HashMap<>();
        scores(plan).forEach((seat, scored) -> {
            if (seat instanceof Seat s) {
                seats.put(s, scored.explained(reasons(s, scored)));
            } else if (seat instanceof TeamSeat t) {
                teamSeats.put(t, scored.explained(reasons(t, scored)));
            }
        });
        return new Explained(seats, teamSeats);
    }

    /** What each filled seat (member or team) scores, with the constraint matches behind it, not yet in words. */
    Map<Object, Scored> scores(MatchingPlan plan) {
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
        Map<Object, Scored> scores = new HashMap<>();
        matches.forEach((seat, list) -> {
            boolean filled = seat instanceof Seat s ? s.getMember() != null : ((TeamSeat) seat).getTeam() != null;
            if (filled) {
                scores.put(seat, Scored.of(list));
            }
        });
        return scores;
    }

    /** A filled member seat's reasons in the words a secretary reads, rules broken first, then by weight. */
    List<Reason> reasons(Seat seat, Scored scored) {
        return reasons(scored, (name, score) -> new Reason(name,
                Explanations.kind(name, score.hardScore(), score.softScore(), seat.getMember().historyMinutes() == 0),
                Explanations.text(name, seat.getMember(), seat.getTask()), impact(score)));
    }

    private List<Reason> reasons(TeamSeat seat, Scored scored) {
        return reasons(scored, (name, score) -> new Reason(name,
                Explanations.kind(name, score.hardScore(), score.softScore(), seat.getTeam().historyMinutes() == 0),
                Explanations.teamText(name, seat.getTeam(), seat), impact(score)));
    }

    private static List<Reason> reasons(Scored scored, BiFunction<String, HardMediumSoftLongScore, Reason> reason) {
        List<Reason> reasons = new ArrayList<>();
        for (ConstraintMatch<HardMediumSoftLongScore> match : scored.matches()) {
            reasons.add(reason.apply(match.getConstraintName(), match.getScore()));
        }
        reasons.sort(Comparator.comparing((Reason r) -> !"BREAKS_RULE".equals(r.kind()))
                .thenComparing(r -> -Math.abs(r.impact())));
        return reasons;
    }

    private static long impact(HardMediumSoftLongScore score) {
        return score.hardScore() != 0 ? score.hardScore() : score.softScore();
    }
}
