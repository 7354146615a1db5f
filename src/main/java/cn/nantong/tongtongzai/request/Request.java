package cn.nantong.tongtongzai.request;

import java.time.OffsetDateTime;

import cn.nantong.tongtongzai.platform.security.ConcernsResident;

/**
 * 居民点单 — a resident's request: SUBMITTED, then ACCEPTED (served by a task), MERGED (a duplicate of
 * another request), or REJECTED (with a reason the resident sees); RESOLVED when its task completes.
 */
public record Request(String id, String text, String urgency, OffsetDateTime preferredFrom, OffsetDateTime preferredTo,
        String state, String rejectReason, OffsetDateTime submittedAt, OffsetDateTime decidedAt, OffsetDateTime resolvedAt,
        String residentId,
        String enteredById, String placeId, String communityId, String categoryId, String taskId,
        String duplicateOfId) implements ConcernsResident {
}
