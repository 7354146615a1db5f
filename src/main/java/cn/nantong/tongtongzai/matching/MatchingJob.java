package cn.nantong.tongtongzai.matching;

import java.time.Instant;
import java.util.List;

/**
 * A matching run for a community or a street, as the service last saw it: status, best score so far,
 * seats and how many are filled, time spent, and the proposals of the best plan (seats the solver filled
 * that were open; existing claims are pinned and not proposed again). A live job keeps running until it
 * is stopped and takes in tasks published meanwhile ({@code tasksAdded}). A street job is solved in parts,
 * one per community ({@code parts}); seats whose proposal the secretary rejected are {@code rejectedSeatIds}; its status is COMPLETED when at least one part completed, FAILED when all
 * failed, and {@code error} names each failed part.
 */
public record MatchingJob(String id, String scopeId, String scopeLevel, String status, boolean live, boolean streetWide,
        Instant startedAt, Instant finishedAt, long timeSpentMillis, Long hard, Long medium, Long soft, int seats,
        int seatsFilled, List<Proposal> proposals, List<TeamProposal> teamProposals, List<String> rejectedSeatIds,
        List<TaskAdded> tasksAdded,
        String error, List<Part> parts) {

    /**
     * One solve of the job: a community of a street job (or the whole street with the street-wide pool). A part
     * that failed says why in {@code error}; the others are planned and can be accepted.
     */
    public record Part(String scopeId, String status, int seats, int seatsFilled, String error) {
    }

    /** One filled seat: a member proposed for a task, and why. */
    public record Proposal(String seatId, String taskId, String memberId, List<Recommendation.Reason> reasons) {
    }

    /** A team task: the functional branch or group proposed to claim it, and why. */
    public record TeamProposal(String seatId, String taskId, String teamId, List<Recommendation.Reason> reasons) {
    }

    /** A task published while the job ran: when it entered the solver and when it first had a proposal. */
    public record TaskAdded(String taskId, Instant addedAt, Instant firstProposalAt) {

        public Long millisToProposal() {
            return firstProposalAt == null ? null : firstProposalAt.toEpochMilli() - addedAt.toEpochMilli();
        }
    }
}
