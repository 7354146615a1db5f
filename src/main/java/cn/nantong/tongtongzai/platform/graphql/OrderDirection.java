package cn.nantong.tongtongzai.platform.graphql;

/** Which way a table is sorted (graphql/platform.graphqls). */
public enum OrderDirection {
    ASC, DESC;

    /** This direction for a Cypher ORDER BY over {@code expressions}, ties broken by {@code id} the same way. */
    public String orderBy(String expression, String id) {
        return expression.equals(id) ? id + " " + name() : expression + " " + name() + ", " + id + " " + name();
    }
}
