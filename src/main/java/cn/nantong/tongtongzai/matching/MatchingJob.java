package cn.nantong.tongtongzai.matching;

import java.time.Instant;
import java.util.List;

/**
 * A matching run for a community or a street, as the service last saw it: status, best score so far,
 * seats and how many are filled, time spent, and the proposals of the best plan (seats the solver filled
 * that were open; existing claims are pinned and not proposed again).
 */
public record MatchingJob(String id, String scopeId, String scopeLevel, String status, Instant startedAt,
        Instant finishedAt, long timeSpentMillis, Long hard, Long medium, Long soft, int seats, int seatsFilled,
        List<Proposal> proposals, String error) {

    /** One filled seat: a member proposed for a task, and why (once the job has finished). */
    public record Proposal(String seatId, String taskId, String memberId, List<Recommendation.Reason> reasons) {
    }
}
