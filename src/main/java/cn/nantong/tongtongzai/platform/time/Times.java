package cn.nantong.tongtongzai.platform.time;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;

/** Date-times in inputs: ISO-8601 with an offset (2026-12-05T09:00+08:00) or local Nantong time (2026-12-05T09:00). */
public final class Times {

    private Times() {
    }

    /** The parsed time, or null with a problem INVALID_TIME added to {@code validation}. */
    public static OffsetDateTime parse(String value, String field, Validation validation) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value.strip()).atZone(Period.ZONE).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                validation.problem(field, ErrorCode.INVALID_TIME, field + " 应为时间，如 2026-12-05T09:00+08:00。");
                return null;
            }
        }
    }
}
