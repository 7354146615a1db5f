package cn.nantong.tongtongzai.matching;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;
import org.optaplanner.core.impl.score.director.InnerScoreDirector;

/**
 * The construction phase: every open, empty seat — team seats first — gets the value that scores best
 * with the real constraints, or stays empty when none is better than empty. OptaPlanner's own
 * construction heuristics skip these seats (an empty nullable variable counts as initialised), and local
 * search alone fills a large plan slowly. The phase runs again after each problem change, so a new
 * emergency is filled in its first step. Values failing a per-seat rule are not even tried.
 */
public class FillEmptySeats implements CustomPhaseCommand<MatchingPlan> {

    @Override
    public void changeWorkingSolution(ScoreDirector<MatchingPlan> scoreDirector) {
        @SuppressWarnings("unchecked")
        InnerScoreDirector<MatchingPlan, HardMediumSoftLongScore> director =
                (InnerScoreDirector<MatchingPlan, HardMediumSoftLongScore>) scoreDirector;
        MatchingPlan plan = director.getWorkingSolution();
        for (TeamSeat seat : plan.getTeamSeats()) {
            if (seat.isPinned() || seat.getTeam() != null) {
                continue;
            }
            HardMediumSoftLongScore best = director.calculateScore();
            Team chosen = null;
            for (Team team : seat.getTeams()) {
                if (!team.invitedTo(seat.getInvitedTeamIds())
                        || (!seat.getTask().skillIds().isEmpty() && team.holdersOf(seat.getTask().skillIds()) == 0)) {
                    continue;
                }
                set(director, seat, team);
                HardMediumSoftLongScore score = director.calculateScore();
                if (score.compareTo(best) > 0) {
                    best = score;
                    chosen = team;
                }
            }
            set(director, seat, chosen);
        }
        for (Seat seat : plan.getSeats()) {
            if (seat.isPinned() || seat.getMember() != null) {
                continue;
            }
            HardMediumSoftLongScore best = director.calculateScore();
            Candidate chosen = null;
            for (Candidate member : seat.getCandidates()) {
                if (!plausible(member, seat.getTask(), plan.getPool())) {
                    continue;
                }
                set(director, seat, member);
                HardMediumSoftLongScore score = director.calculateScore();
                if (score.compareTo(best) > 0) {
                    best = score;
                    chosen = member;
                }
            }
            set(director, seat, chosen);
        }
    }

    /** The per-seat hard rules (pool, skill, availability, other claims) — the rest the score decides. */
    static boolean plausible(Candidate member, TaskFact task, CandidatePool pool) {
        return (pool == null ? CandidatePool.COMMUNITY : pool).admits(member, task)
                && (task.skillIds().isEmpty() || member.hasAnySkill(task.skillIds()) || task.substituteStrength(member) > 0)
                && ("EMERGENCY".equals(task.kind()) || member.availability().containsAll(task.slots()))
                && !member.busyDuring(task);
    }

    private static void set(InnerScoreDirector<MatchingPlan, HardMediumSoftLongScore> director, Seat seat, Candidate member) {
        if (seat.getMember() != member) {
            director.beforeVariableChanged(seat, "member");
            seat.setMember(member);
            director.afterVariableChanged(seat, "member");
            director.triggerVariableListeners();
        }
    }

    private static void set(InnerScoreDirector<MatchingPlan, HardMediumSoftLongScore> director, TeamSeat seat, Team team) {
        if (seat.getTeam() != team) {
            director.beforeVariableChanged(seat, "team");
            seat.setTeam(team);
            director.afterVariableChanged(seat, "team");
            director.triggerVariableListeners();
        }
    }
}
