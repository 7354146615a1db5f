package cn.nantong.tongtongzai.matching;

/**
 * A matching job's proposals or status changed (published outside any transaction: jobs live in memory). Told at
 * most every {@link ProposalNotices#EVERY} per job; read the job for its state then. {@code scopeLevel} is
 * COMMUNITY or STREET, {@code scopeId} the one planned.
 */
public record ProposalsChanged(String jobId, String scopeLevel, String scopeId) {
}
