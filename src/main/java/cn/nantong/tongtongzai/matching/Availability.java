package cn.nantong.tongtongzai.matching;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Members say when they can serve in six slots: weekday/weekend × morning (6–12), afternoon (12–18),
 * evening (18–6). A task window needs every slot it touches.
 */
final class Availability {

    static final ZoneId NANTONG = ZoneId.of("Asia/Shanghai");

    private Availability() {
    }

    static Set<String> slots(long startMinute, long endMinute) {
        Set<String> slots = new LinkedHashSet<>();
        for (long minute = startMinute; minute < endMinute; minute += 30) {
            slots.add(slot(ZonedDateTime.ofInstant(Instant.ofEpochSecond(minute * 60), NANTONG)));
        }
        if (slots.isEmpty()) {
            slots.add(slot(ZonedDateTime.ofInstant(Instant.ofEpochSecond(startMinute * 60), NANTONG)));
        }
        return slots;
    }

    private static String slot(ZonedDateTime time) {
        boolean weekend = time.getDayOfWeek() == DayOfWeek.SATURDAY || time.getDayOfWeek() == DayOfWeek.SUNDAY;
        int hour = time.getHour();
        String part = hour >= 6 && hour < 12 ? "MORNING" : hour >= 12 && hour < 18 ? "AFTERNOON" : "EVENING";
        return (weekend ? "WEEKEND_" : "WEEKDAY_") + part;
    }

    static int week(long minute) {
        ZonedDateTime time = ZonedDateTime.ofInstant(Instant.ofEpochSecond(minute * 60), NANTONG);
        return time.get(IsoFields.WEEK_BASED_YEAR) * 100 + time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }
}
