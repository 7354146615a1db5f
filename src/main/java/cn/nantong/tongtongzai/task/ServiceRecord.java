package cn.nantong.tongtongzai.task;

import java.time.OffsetDateTime;

/**
 * 服务时长 — one check-in/check-out of a member, for a claim or at a standing post. {@code minutes} is
 * null while the member is checked in; {@code autoClosed} marks a forgotten check-out the service closed.
 */
public record ServiceRecord(String id, String memberId, String claimId, String postId, OffsetDateTime checkInAt,
        OffsetDateTime checkOutAt, Integer minutes, boolean autoClosed, boolean corrected) {

    public Double hours() {
        return minutes == null ? null : Math.round(minutes / 60.0 * 100) / 100.0;
    }
}
