package cn.nantong.tongtongzai.platform.neo4j;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/** Reading the maps Cypher projections return (ids, counts, lists), null-safe. */
public final class Values {

    private Values() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    public static String string(Map<String, Object> row, String key) {
        Object value = row.get(key);
        return value == null ? null : value.toString();
    }

    public static int integer(Map<String, Object> row, String key) {
        Object value = row.get(key);
        return value == null ? 0 : ((Number) value).intValue();
    }

    public static long longValue(Map<String, Object> row, String key) {
        Object value = row.get(key);
        return value == null ? 0 : ((Number) value).longValue();
    }

    public static double decimal(Map<String, Object> row, String key) {
        Object value = row.get(key);
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    public static Integer optionalInteger(Map<String, Object> row, String key) {
        Object value = row.get(key);
        return value == null ? null : ((Number) value).intValue();
    }

    public static boolean bool(Map<String, Object> row, String key) {
        return Boolean.TRUE.equals(row.get(key));
    }

    /** A time as Cypher gives it (a datetime, or its ISO text), at its offset; null when absent. */
    public static OffsetDateTime time(Map<String, Object> row, String key) {
        return switch (row.get(key)) {
            case null -> null;
            case OffsetDateTime time -> time;
            case ZonedDateTime time -> time.toOffsetDateTime();
            case Object text -> ZonedDateTime.parse(text.toString()).toOffsetDateTime();
        };
    }

    /** A day as Cypher gives it (a date, or its ISO text); null when absent. */
    public static LocalDate day(Map<String, Object> row, String key) {
        return switch (row.get(key)) {
            case null -> null;
            case LocalDate day -> day;
            case Object text -> LocalDate.parse(text.toString());
        };
    }

    @SuppressWarnings("unchecked")
    public static List<String> strings(Map<String, Object> row, String key) {
        Object value = row.get(key);
        return value == null ? List.of() : ((List<Object>) value).stream().map(String::valueOf).toList();
    }
}
