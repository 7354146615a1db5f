package cn.nantong.tongtongzai.matching;

import java.util.List;

import cn.nantong.tongtongzai.member.Member;

/**
 * One candidate for a task, ranked: the score the candidate would bring to the task's seat (hard rules
 * broken, empty seats, soft preferences) and the reasons, in words a secretary reads; {@code member} is
 * read in the same transaction as the candidates (null until ranked).
 */
public record Recommendation(int rank, String memberId, boolean feasible, long hard, long medium, long soft,
        List<Reason> reasons, Member member) {

    /** One constraint the assignment meets or breaks, and its effect on the score. */
    public record Reason(String constraint, String kind, String text, long impact) {
    }
}
