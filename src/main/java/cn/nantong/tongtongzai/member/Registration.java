package cn.nantong.tongtongzai.member;

import java.time.OffsetDateTime;

/** 双报到 — one registration of a member with the community of their residence. */
public record Registration(String id, String state, String channel, String memberId, String communityId,
        String residenceId, OffsetDateTime registeredAt, OffsetDateTime decidedAt, String rejectReason,
        OffsetDateTime endedAt, String endReason, String reportedToId, OffsetDateTime reportedAt) {
}
