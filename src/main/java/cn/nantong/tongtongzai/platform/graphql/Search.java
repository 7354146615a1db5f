package cn.nantong.tongtongzai.platform.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a person types into a table's search box, as a query of a Neo4j full-text index with the {@code cjk}
 * analyzer. That analyzer indexes Chinese as overlapping pairs of characters (张小明 → 张小, 小明), so a word of two
 * or more characters is searched as a phrase of its pairs — 小明 finds 张小明, 明张 does not — and a single character
 * as the start of a pair: 张 finds names with 张 anywhere but at the end, which is where a surname is. Several words
 * must all match. Lucene's operators are never taken from the text.
 */
public final class Search {

    public static final int MAX_LENGTH = 50;

    private Search() {
    }

    /**
     * The start of a read when there is something to search for: a CALL of the full-text index {@code index} that
     * binds what it finds to {@code variable}, so the MATCH that follows keeps only those; else nothing.
     */
    public static String start(String index, String variable, String text, Map<String, Object> parameters) {
        String query = query(text);
        if (query == null) {
            return "";
        }
        parameters.put("search", query);
        return "CALL db.index.fulltext.queryNodes('" + index + "', $search) YIELD node AS " + variable + " ";
    }

    /** The full-text query for {@code text}, or null when there is nothing to search for. */
    public static String query(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            throw new UserInputException(ErrorCode.INVALID_SEARCH, "搜索词最多" + MAX_LENGTH + "个字。");
        }
        List<String> clauses = new ArrayList<>();
        for (String word : text.strip().split("[\\s\\p{Punct}，。、；：？！“”‘’（）《》【】]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.codePointCount(0, word.length()) == 1 && Character.isIdeographic(word.codePointAt(0))) {
                clauses.add(word + "*");
            } else {
                clauses.add("\"" + word + "\"");
            }
        }
        if (clauses.isEmpty()) {
            throw new UserInputException(ErrorCode.INVALID_SEARCH, "请输入要搜索的姓名或文字。");
        }
        return String.join(" AND ", clauses);
    }
}
