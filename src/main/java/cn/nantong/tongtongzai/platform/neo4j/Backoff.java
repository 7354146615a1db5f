package cn.nantong.tongtongzai.platform.neo4j;

/** The pause before running a unit of work again: 10, 40, 90, 160 ms — short, so a request still fails fast. */
public final class Backoff {

    private Backoff() {
    }

    public static void pause(int attempt) {
        try {
            Thread.sleep(10L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a transaction", e);
        }
    }
}
