package cn.nantong.tongtongzai.notification;

import java.time.OffsetDateTime;

/**
 * 消息 — one notification in a person's inbox: what happened in Chinese ({@code text}), when, whether it was read,
 * and the ids of what it is about (a task, request, registration, team claim or claim; null when not).
 */
public record Notification(String id, NotificationKind kind, String text, OffsetDateTime createdAt, OffsetDateTime readAt,
        String taskId, String requestId, String registrationId, String teamClaimId, String claimId) {

    public boolean read() {
        return readAt != null;
    }
}
