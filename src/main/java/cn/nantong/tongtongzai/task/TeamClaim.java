package cn.nantong.tongtongzai.task;

import java.time.OffsetDateTime;

/**
 * 组团认领 — a functional branch or group takes a team task; its members then confirm one by one.
 * {@code source} is SELF (the team claimed it) or MATCHING (a secretary accepted a matching proposal).
 * {@code supportFromId}: the team's community when it comes from another community of the street as support
 * (下沉一线支援); null for the task's own teams.
 */
public record TeamClaim(String id, String taskId, String teamId, String teamName, OffsetDateTime claimedAt, String claimedBy,
        String source, String supportFromId) {

    public boolean support() {
        return supportFromId != null;
    }
}
