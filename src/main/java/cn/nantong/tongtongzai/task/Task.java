package cn.nantong.tongtongzai.task;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * 社区下单 — a task a community publishes. {@code claimed} counts the seats taken (active member claims);
 * links (community, place, skills, teams …) are ids, resolved per field.
 */
public record Task(String id, String title, String description, String kind, int difficulty, int headcount,
        OffsetDateTime startsAt, OffsetDateTime endsAt, String audience, String state, String cancelReason, String verificationCode,
        String communityId, String placeId, String categoryId, List<String> skillIds, List<String> teamIds,
        OffsetDateTime createdAt, OffsetDateTime publishedAt, int claimed) {

    /** The states in which a task still takes seats, recommendations and requests: not yet completed nor cancelled. */
    public static final java.util.Set<String> OPEN_STATES = java.util.Set.of("DRAFT", "PUBLISHED", "IN_PROGRESS");

    public boolean open() {
        return OPEN_STATES.contains(state);
    }

    public int openSeats() {
        return Math.max(0, headcount - claimed);
    }
}
