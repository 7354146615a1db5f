package cn.nantong.tongtongzai.task;

/** 接单 — a member's seat on a task; {@code source} says how it came about (SELF, ASSIGNED, MATCHING, TEAM). */
public record Claim(String id, String taskId, String memberId, String state, String source, String claimedAt,
        String withdrawnAt, String teamClaimId, String claimedBy) {
}
