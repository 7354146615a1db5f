package cn.nantong.tongtongzai.member;

/** 双报到 — one registration of a member with the community of their residence. */
public record Registration(String id, String state, String channel, String memberId, String communityId,
        String residenceId, String registeredAt, String decidedAt, String rejectReason, String endedAt,
        String endReason, String reportedToId, String reportedAt) {
}
