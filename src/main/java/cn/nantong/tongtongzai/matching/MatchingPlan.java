package cn.nantong.tongtongzai.matching;

import java.util.List;

import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.solution.ProblemFactProperty;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/** A matching problem and, once solved, its plan: seats of tasks and the members in them. */
@PlanningSolution
public class MatchingPlan {

    @ProblemFactCollectionProperty
    @ValueRangeProvider(id = "candidates")
    private List<Candidate> candidates;
    @ProblemFactCollectionProperty
    private List<TaskFact> tasks;
    @PlanningEntityCollectionProperty
    private List<Seat> seats;
    @ProblemFactProperty
    private MatchingWeights weights;
    @PlanningScore
    private HardMediumSoftLongScore score;

    MatchingPlan() {
    }

    public MatchingPlan(List<Candidate> candidates, List<TaskFact> tasks, List<Seat> seats, MatchingWeights weights) {
        this.candidates = candidates;
        this.tasks = tasks;
        this.seats = seats;
        this.weights = weights;
    }

    public List<Candidate> getCandidates() {
        return candidates;
    }

    public List<TaskFact> getTasks() {
        return tasks;
    }

    public List<Seat> getSeats() {
        return seats;
    }

    public MatchingWeights getWeights() {
        return weights;
    }

    public HardMediumSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftLongScore score) {
        this.score = score;
    }
}
