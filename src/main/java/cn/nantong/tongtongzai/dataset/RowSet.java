package cn.nantong.tongtongzai.dataset;

import java.util.List;
import java.util.Map;

/** Rows of one kind (e.g. "members"), loaded by the statement {@link DatasetStatements} keeps under that name. */
public record RowSet(String name, List<Map<String, Object>> rows) {
}
