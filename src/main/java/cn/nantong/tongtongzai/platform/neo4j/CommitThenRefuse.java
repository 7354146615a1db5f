package cn.nantong.tongtongzai.platform.neo4j;

/**
 * Thrown by the work of {@link WriteTransactions} that must keep what it wrote although the caller is refused: a
 * wrong verification code counts against the next attempt. The transaction commits what the work wrote, then the
 * refusal is thrown to the caller. {@link BeforeCommit} hooks do not run (the mutation's audit entry is the
 * refusal's, written as for any failed mutation).
 */
public final class CommitThenRefuse extends RuntimeException {

    private final RuntimeException refusal;

    public CommitThenRefuse(RuntimeException refusal) {
        super(refusal.getMessage(), refusal, false, false);
        this.refusal = refusal;
    }

    public RuntimeException refusal() {
        return refusal;
    }
}
