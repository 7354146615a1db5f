package cn.nantong.tongtongzai.task;

/**
 * A functional branch or group took a team task (组团认领; published inside the claiming transaction): its
 * members may now confirm one by one, which the notification feature tells them.
 */
public record TeamClaimMade(String teamClaimId, String taskId, String teamId) {
}
