package cn.nantong.tongtongzai.task;

/**
 * 组团认领 — a functional branch or group takes a team task; its members then confirm one by one.
 * {@code source} is SELF (the team claimed it) or MATCHING (a secretary accepted a matching proposal).
 */
public record TeamClaim(String id, String taskId, String teamId, String teamName, String claimedAt, String claimedBy,
        String source) {
}
