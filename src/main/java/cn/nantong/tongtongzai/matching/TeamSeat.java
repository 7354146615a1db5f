package cn.nantong.tongtongzai.matching;

import java.util.List;
import java.util.Set;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.entity.PlanningPin;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * The claimant of a team task (audience TEAMS, e.g. every emergency): one functional branch or group the
 * task was published to. A team that already claimed it is a pinned seat. The team's members then
 * confirm one by one, up to the headcount, as with any team claim.
 */
@PlanningEntity
public class TeamSeat {

    @PlanningId
    private String id;
    private TaskFact task;
    private int headcount;
    private Set<String> invitedTeamIds;
    @PlanningVariable(valueRangeProviderRefs = "seatTeams", nullable = true)
    private Team team;
    @PlanningPin
    private boolean pinned;
    /** The teams of the task's community: this seat's value range. */
    private List<Team> teams = List.of();

    TeamSeat() {
    }

    public TeamSeat(String id, TaskFact task, int headcount, Set<String> invitedTeamIds, Team team, boolean pinned) {
        this.id = id;
        this.task = task;
        this.headcount = headcount;
        this.invitedTeamIds = invitedTeamIds;
        this.team = team;
        this.pinned = pinned;
    }

    public String getId() {
        return id;
    }

    public TaskFact getTask() {
        return task;
    }

    public int getHeadcount() {
        return headcount;
    }

    public Set<String> getInvitedTeamIds() {
        return invitedTeamIds;
    }

    public Team getTeam() {
        return team;
    }

    public void setTeam(Team team) {
        this.team = team;
    }

    public boolean isPinned() {
        return pinned;
    }

    void pin() {
        this.pinned = true;
    }

    @ValueRangeProvider(id = "seatTeams")
    public List<Team> getTeams() {
        return teams;
    }

    void setTeams(List<Team> teams) {
        this.teams = teams;
    }

    @Override
    public String toString() {
        return id + "→" + team;
    }
}
