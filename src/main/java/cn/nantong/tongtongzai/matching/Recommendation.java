package cn.nantong.tongtongzai.matching;

import java.util.List;

/**
 * One candidate for a task, ranked: the score the candidate would bring to the task's seat (hard rules
 * broken, empty seats, soft preferences) and the reasons, in words a secretary reads.
 */
public record Recommendation(int rank, String memberId, boolean feasible, long hard, long medium, long soft,
        List<Reason> reasons) {

    /** One constraint the assignment meets or breaks, and its effect on the score. */
    public record Reason(String constraint, String kind, String text, long impact) {
    }
}
