package cn.nantong.tongtongzai.platform.time;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;

/** A table's date range: whole days of the Nantong calendar, both ends included, either end open. */
public final class Days {

    private Days() {
    }

    /**
     * Cypher conditions keeping {@code property} (a datetime) on the days from {@code from} to {@code to}; none for
     * an open end. The parameters are named after {@code name}.
     */
    public static List<String> within(String property, String name, LocalDate from, LocalDate to,
            Map<String, Object> parameters) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new UserInputException(ErrorCode.INVALID_DATE, "开始日期不能晚于结束日期。");
        }
        List<String> conditions = new ArrayList<>();
        // compared as epoch milliseconds: a range on the datetime itself, with ORDER BY on the same property, made
        // Neo4j 2026.08's planner fail ("Conditions started failing after running these phases: insertCachedProperties")
        if (from != null) {
            parameters.put(name + "From", from.atStartOfDay(Period.ZONE).toInstant().toEpochMilli());
            conditions.add(property + ".epochMillis >= $" + name + "From");
        }
        if (to != null) {
            parameters.put(name + "Before", to.plusDays(1).atStartOfDay(Period.ZONE).toInstant().toEpochMilli());
            conditions.add(property + ".epochMillis < $" + name + "Before");
        }
        return conditions;
    }
}
