package cn.nantong.tongtongzai.platform.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;

/**
 * A reporting period in Nantong's local time (Asia/Shanghai): the day, ISO week (Monday first), month,
 * quarter or year containing a date; {@code from} inclusive, {@code to} exclusive.
 */
public record Period(String kind, LocalDate firstDay, LocalDate endDay) {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    /** The period of {@code kind} containing {@code day} (today in Nantong when null). */
    public static Period of(String kind, LocalDate day) {
        if (day == null) {
            return of(kind, LocalDate.now(ZONE));
        }
        return switch (kind) {
            case "DAY" -> new Period(kind, day, day.plusDays(1));
            case "WEEK" -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new Period(kind, monday, monday.plusWeeks(1));
            }
            case "MONTH" -> new Period(kind, day.withDayOfMonth(1), day.withDayOfMonth(1).plusMonths(1));
            case "QUARTER" -> {
                LocalDate first = day.with(IsoFields.DAY_OF_QUARTER, 1);
                yield new Period(kind, first, first.plusMonths(3));
            }
            case "YEAR" -> new Period(kind, day.withDayOfYear(1), day.withDayOfYear(1).plusYears(1));
            default -> throw new UserInputException(ErrorCode.INVALID_PERIOD, "未知的统计周期：" + kind + "。");
        };
    }

    /** A quarter written 2026-Q3. */
    public static Period quarter(String value) {
        Matcher matcher = value == null ? null : QUARTER.matcher(value.strip());
        if (matcher == null || !matcher.matches()) {
            throw new UserInputException(ErrorCode.INVALID_QUARTER, "季度格式应为 2026-Q3。");
        }
        return of("QUARTER", LocalDate.of(Integer.parseInt(matcher.group(1)), 3 * Integer.parseInt(matcher.group(2)) - 2, 1));
    }

    public static Period year(int year) {
        if (year < 2000 || year > 2100) {
            throw new UserInputException(ErrorCode.INVALID_YEAR, "年份应在2000至2100之间。");
        }
        return of("YEAR", LocalDate.of(year, 1, 1));
    }

    public static LocalDate day(String value, String field) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new UserInputException(ErrorCode.INVALID_DATE, field + " 应为日期 YYYY-MM-DD。");
        }
    }

    public OffsetDateTime from() {
        return firstDay.atStartOfDay(ZONE).toOffsetDateTime();
    }

    public OffsetDateTime to() {
        return endDay.atStartOfDay(ZONE).toOffsetDateTime();
    }

    /** The last day inside the period. */
    public LocalDate lastDay() {
        return endDay.minusDays(1);
    }
}
