package cn.nantong.tongtongzai.platform.neo4j;

/**
 * Something written in the same transaction as a unit of work of {@link WriteTransactions}, after the work and
 * before the commit: it commits with the work or not at all (the audit entry of a mutation).
 */
public interface BeforeCommit {

    void inTransaction();
}
