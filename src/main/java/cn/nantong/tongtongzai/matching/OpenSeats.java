package cn.nantong.tongtongzai.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seats of one task, the same for jobs and instance files. An individual task: its existing claims
 * pinned ({@code <task>#claimed-<member>}), the rest open ({@code <task>#1} …). A team task: the teams that
 * claimed it pinned ({@code <task>#team-<team>}), or one open team seat ({@code <task>#team}) when none has.
 * Claimants not among the candidates are left out (they still take their place in the headcount).
 */
record OpenSeats(List<Seat> members, List<TeamSeat> teams) {

    static OpenSeats of(TaskFact task, int headcount, List<String> claimedBy, boolean forTeams, Set<String> invitedTeamIds,
            List<String> claimedByTeams, Map<String, Candidate> candidates, Map<String, Team> teams) {
        List<Seat> seats = new ArrayList<>();
        List<TeamSeat> teamSeats = new ArrayList<>();
        if (forTeams) {
            for (String teamId : claimedByTeams) {
                Team team = teams.get(teamId);
                if (team != null) {
                    teamSeats.add(new TeamSeat(task.id() + "#team-" + teamId, task, headcount, invitedTeamIds, team, true));
                }
            }
            if (claimedByTeams.isEmpty()) {
                teamSeats.add(new TeamSeat(task.id() + "#team", task, headcount, invitedTeamIds, null, false));
            }
            return new OpenSeats(seats, teamSeats);
        }
        for (String memberId : claimedBy) {
            Candidate member = candidates.get(memberId);
            if (member != null) {
                seats.add(new Seat(task.id() + "#claimed-" + memberId, task, member, true));
            }
        }
        for (int i = claimedBy.size(); i < headcount; i++) {
            seats.add(new Seat(task.id() + "#" + (i + 1), task, null, false));
        }
        return new OpenSeats(seats, teamSeats);
    }
}
