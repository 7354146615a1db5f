package cn.nantong.tongtongzai.platform.neo4j;

/**
 * Cypher that takes a node's write lock for the rest of the transaction. A writer locks what its checks read before
 * it changes anything, so two requests changing the same thing take turns and the second sees the first's change
 * (Neo4j Community has no explicit lock clause: writing and removing a property takes the lock and leaves nothing).
 * Every fragment ends with a line break.
 */
public final class RowLocks {

    private RowLocks() {
    }

    /** Locks the node bound to {@code variable}. */
    public static String lock(String variable) {
        return "SET " + variable + ".lockedAt = datetime() REMOVE " + variable + ".lockedAt\n";
    }

    /** Locks the node bound to {@code variable} after an OPTIONAL MATCH, if there is one. */
    public static String lockIfPresent(String variable) {
        return "FOREACH (x IN CASE WHEN " + variable + " IS NULL THEN [] ELSE [" + variable + "] END | "
                + lock("x").strip() + ")\n";
    }
}
