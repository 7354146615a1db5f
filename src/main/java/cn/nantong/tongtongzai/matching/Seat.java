package cn.nantong.tongtongzai.matching;

import java.util.List;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.entity.PlanningPin;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * One open place on a task (a task with headcount 3 has 3 seats): the planning entity. It may stay
 * empty when nobody fits. A seat already claimed is pinned: the solver never moves it.
 */
@PlanningEntity
public class Seat {

    @PlanningId
    private String id;
    private TaskFact task;
    @PlanningVariable(valueRangeProviderRefs = "seatCandidates", nullable = true)
    private Candidate member;
    @PlanningPin
    private boolean pinned;
    /** The members of the task's candidate pool: this seat's value range (a city plan never tries 26,000). */
    private List<Candidate> candidates = List.of();

    Seat() {
    }

    public Seat(String id, TaskFact task, Candidate member, boolean pinned) {
        this.id = id;
        this.task = task;
        this.member = member;
        this.pinned = pinned;
    }

    public String getId() {
        return id;
    }

    public TaskFact getTask() {
        return task;
    }

    public Candidate getMember() {
        return member;
    }

    public void setMember(Candidate member) {
        this.member = member;
    }

    public boolean isPinned() {
        return pinned;
    }

    /** An accepted proposal becomes a claim: from then on the solver works around it. */
    void pin() {
        this.pinned = true;
    }

    @ValueRangeProvider(id = "seatCandidates")
    public List<Candidate> getCandidates() {
        return candidates;
    }

    void setCandidates(List<Candidate> candidates) {
        this.candidates = candidates;
    }

    @Override
    public String toString() {
        return id + "→" + member;
    }
}
