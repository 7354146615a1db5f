package cn.nantong.tongtongzai.platform.graphql;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Helpers for {@code @BatchMapping} methods: answers are looked up by id and handed back per parent. */
public final class Batches {

    private Batches() {
    }

    /**
     * Each parent with the value found under its key; parents without a value are left out, which GraphQL
     * answers as null.
     */
    public static <P, V> Map<P, V> join(Collection<P> parents, Function<P, String> key, Map<String, V> values) {
        Map<P, V> joined = new LinkedHashMap<>();
        for (P parent : parents) {
            V value = values.get(key.apply(parent));
            if (value != null) {
                joined.put(parent, value);
            }
        }
        return joined;
    }

    /** The distinct non-null keys of the parents, for the one statement that answers them all. */
    public static <P> java.util.List<String> ids(Collection<P> parents, Function<P, String> key) {
        return parents.stream().map(key).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** Like {@link #join} but every parent gets a value, {@code missing} when none was found (an empty list, 0 …). */
    public static <P, V> Map<P, V> joinOr(Collection<P> parents, Function<P, String> key, Map<String, V> values, V missing) {
        Map<P, V> joined = new LinkedHashMap<>();
        for (P parent : parents) {
            joined.put(parent, values.getOrDefault(key.apply(parent), missing));
        }
        return joined;
    }

    /**
     * Values asked for with a period each (a member's hours this month, a community's support this week): the keys of
     * one period are answered together by {@code load}, with their ids, in one statement per period.
     */
    public static <K, P, V> Map<K, V> perPeriod(Collection<K> keys, Function<K, P> period, Function<K, String> id,
            BiFunction<List<String>, P, Map<String, V>> load) {
        Map<K, V> result = new LinkedHashMap<>();
        keys.stream().collect(Collectors.groupingBy(period)).forEach((p, group) -> {
            Map<String, V> byId = load.apply(group.stream().map(id).distinct().toList(), p);
            group.forEach(key -> result.put(key, byId.get(id.apply(key))));
        });
        return result;
    }
}
