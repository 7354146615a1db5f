package cn.nantong.tongtongzai.matching;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.entity.PlanningPin;
import org.optaplanner.core.api.domain.lookup.PlanningId;
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
    @PlanningVariable(valueRangeProviderRefs = "candidates", nullable = true)
    private Candidate member;
    @PlanningPin
    private boolean pinned;

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

    @Override
    public String toString() {
        return id + "→" + member;
    }
}
