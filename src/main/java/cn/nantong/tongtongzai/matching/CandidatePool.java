package cn.nantong.tongtongzai.matching;

/**
 * Whom a plan may call on: members registered with the task's own community (双报到, the default), or —
 * when a secretary widens it — every member registered in the same street.
 */
public record CandidatePool(boolean streetWide) {

    public static final CandidatePool COMMUNITY = new CandidatePool(false);
    public static final CandidatePool STREET = new CandidatePool(true);

    /** The member may serve the task in this pool. */
    boolean admits(Candidate member, TaskFact task) {
        return task.communityId().equals(member.communityId())
                || streetWide && task.streetId() != null && task.streetId().equals(member.streetId());
    }
}
