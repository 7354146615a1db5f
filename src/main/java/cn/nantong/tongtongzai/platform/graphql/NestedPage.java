package cn.nantong.tongtongzai.platform.graphql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * One page of a list under a parent (a member's registrations, a unit's members …), the key of a
 * DataLoader so that all parents of a response are read in one statement. {@code argument} is the one
 * optional filter such a list takes.
 */
public record NestedPage(String parentId, String argument, Page page) {

    /**
     * Runs {@code perParent} (which binds {@code key}, uses {@code key.parentId} and {@code key.argument},
     * and returns {@code all}, ordered) once for all pages; SKIP/LIMIT cannot depend on a row, so each
     * parent's list is sliced.
     */
    public static <T> Map<NestedPage, List<T>> load(Neo4jClient neo4j, Collection<NestedPage> pages, String perParent,
            Function<Object, T> mapper) {
        List<NestedPage> ordered = List.copyOf(pages);
        List<Map<String, Object>> keys = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Map<String, Object> key = new HashMap<>();
            key.put("i", i);
            key.put("parentId", ordered.get(i).parentId());
            key.put("argument", ordered.get(i).argument());
            key.put("skip", ordered.get(i).page().skip());
            key.put("limit", ordered.get(i).page().fetchSize());
            keys.add(key);
        }
        Map<NestedPage, List<T>> result = new HashMap<>();
        neo4j.query("UNWIND $keys AS key CALL (key) { " + perParent
                        + " } RETURN key.i AS i, all[key.skip .. key.skip + key.limit] AS page")
                .bindAll(Map.of("keys", keys)).fetch().all()
                .forEach(row -> result.put(ordered.get(((Number) row.get("i")).intValue()),
                        ((List<?>) row.get("page")).stream().map(mapper).toList()));
        return result;
    }
}
