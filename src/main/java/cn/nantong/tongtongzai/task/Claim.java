package cn.nantong.tongtongzai.task;

import java.time.OffsetDateTime;

/**
 * 接单 — a member's seat on a task; {@code source} says how it came about (SELF, ASSIGNED, MATCHING, TEAM).
 * {@code supportFromId}: the member's own community when they serve another community of the street as
 * support (下沉一线支援); null for a claim in their own community.
 */
public record Claim(String id, String taskId, String memberId, String state, String source, OffsetDateTime claimedAt,
        OffsetDateTime withdrawnAt, String teamClaimId, String claimedBy, String supportFromId) {

    public boolean support() {
        return supportFromId != null;
    }
}
