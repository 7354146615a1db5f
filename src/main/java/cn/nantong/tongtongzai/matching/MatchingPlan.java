package cn.nantong.tongtongzai.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.solution.ProblemFactProperty;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * A matching problem and, once solved, its plan: member seats of individual tasks and the members in
 * them, team seats of team tasks and the functional branches or groups in them. Each seat draws only on
 * its task's candidate pool (its community, or its street when widened).
 */
@PlanningSolution
public class MatchingPlan {

    @ProblemFactCollectionProperty
    private List<Candidate> candidates;
    @ProblemFactCollectionProperty
    private List<Team> teams;
    @ProblemFactCollectionProperty
    private List<TaskFact> tasks;
    @PlanningEntityCollectionProperty
    private List<Seat> seats;
    @PlanningEntityCollectionProperty
    private List<TeamSeat> teamSeats;
    @ProblemFactProperty
    private MatchingWeights weights;
    @ProblemFactProperty
    private CandidatePool pool;
    @PlanningScore
    private HardMediumSoftLongScore score;

    MatchingPlan() {
    }

    /** Individual tasks only, candidates from each task's community. */
    public MatchingPlan(List<Candidate> candidates, List<TaskFact> tasks, List<Seat> seats, MatchingWeights weights) {
        this(candidates, List.of(), tasks, seats, List.of(), weights, CandidatePool.COMMUNITY);
    }

    public MatchingPlan(List<Candidate> candidates, List<Team> teams, List<TaskFact> tasks, List<Seat> seats,
            List<TeamSeat> teamSeats, MatchingWeights weights, CandidatePool pool) {
        this.candidates = new ArrayList<>(candidates);
        this.teams = new ArrayList<>(teams);
        this.tasks = new ArrayList<>(tasks);
        this.seats = new ArrayList<>(seats);
        this.teamSeats = new ArrayList<>(teamSeats);
        this.weights = weights;
        this.pool = pool;
        Ranges ranges = new Ranges(this.candidates, this.teams, pool);
        this.seats.forEach(ranges::assign);
        this.teamSeats.forEach(ranges::assign);
    }

    /** The value ranges of new seats: shared lists per community and street, built once per plan. */
    static final class Ranges {
        private final Map<String, List<Candidate>> byCommunity = new HashMap<>();
        private final Map<String, List<Candidate>> byStreet = new HashMap<>();
        private final Map<String, List<Team>> teamsByCommunity = new HashMap<>();
        private final CandidatePool pool;

        Ranges(List<Candidate> candidates, List<Team> teams, CandidatePool pool) {
            this.pool = pool;
            for (Candidate c : candidates) {
                byCommunity.computeIfAbsent(c.communityId(), k -> new ArrayList<>()).add(c);
                if (c.streetId() != null) {
                    byStreet.computeIfAbsent(c.streetId(), k -> new ArrayList<>()).add(c);
                }
            }
            for (Team t : teams) {
                teamsByCommunity.computeIfAbsent(t.communityId(), k -> new ArrayList<>()).add(t);
            }
        }

        void assign(Seat seat) {
            TaskFact task = seat.getTask();
            List<Candidate> range = pool.streetWide() && task.streetId() != null
                    ? byStreet.getOrDefault(task.streetId(), List.of())
                    : byCommunity.getOrDefault(task.communityId(), List.of());
            seat.setCandidates(range);
        }

        /** The invited teams of the task's community; with the street pool also every team of another community. */
        void assign(TeamSeat seat) {
            List<Team> range = new ArrayList<>(teamsByCommunity.getOrDefault(seat.getTask().communityId(), List.of()).stream()
                    .filter(team -> team.invitedTo(seat.getInvitedTeamIds())).toList());
            if (pool.streetWide()) {
                teamsByCommunity.forEach((community, teams) -> {
                    if (!community.equals(seat.getTask().communityId())) {
                        range.addAll(teams);
                    }
                });
                range.sort(java.util.Comparator.comparing(Team::id)); // the same range whatever the map's order
            }
            seat.setTeams(List.copyOf(range));
        }
    }

    public List<Candidate> getCandidates() {
        return candidates;
    }

    public List<Team> getTeams() {
        return teams;
    }

    public List<TaskFact> getTasks() {
        return tasks;
    }

    public List<Seat> getSeats() {
        return seats;
    }

    public List<TeamSeat> getTeamSeats() {
        return teamSeats;
    }

    public MatchingWeights getWeights() {
        return weights;
    }

    public CandidatePool getPool() {
        return pool;
    }

    public HardMediumSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftLongScore score) {
        this.score = score;
    }
}
