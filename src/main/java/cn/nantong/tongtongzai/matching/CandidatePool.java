package cn.nantong.tongtongzai.matching;

/**
 * Whom a plan may call on: members registered with the task's own community (双报到, the default), or —
 * when a secretary widens it — every member registered in the same street, and for team tasks the functional
 * branches and groups of the street's other communities besides the invited ones (下沉一线支援).
 */
public record CandidatePool(boolean streetWide) {

    public static final CandidatePool COMMUNITY = new CandidatePool(false);
    public static final CandidatePool STREET = new CandidatePool(true);

    /** The member may serve the task in this pool. */
    boolean admits(Candidate member, TaskFact task) {
        return task.communityId().equals(member.communityId())
                || streetWide && task.streetId() != null && task.streetId().equals(member.streetId());
    }

    /**
     * A team of another community may take the team task without an invitation (the plan's teams all lie in
     * its street). The task's own teams still need one: the community chose among them.
     */
    boolean admitsUninvited(Team team, TaskFact task) {
        return streetWide && !task.communityId().equals(team.communityId());
    }
}
