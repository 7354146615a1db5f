package cn.nantong.tongtongzai.task;

/** 组团认领 — a functional branch or group takes a team task; its members then confirm one by one. */
public record TeamClaim(String id, String taskId, String teamId, String teamName, String claimedAt, String claimedBy) {
}
