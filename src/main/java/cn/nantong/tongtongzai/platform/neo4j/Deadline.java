package cn.nantong.tongtongzai.platform.neo4j;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The moment by which the request this thread serves must be answered. What registered with {@link #whenExpired}
 * — the GraphQL execution, the database transactions it began — is stopped at that moment, not merely left behind
 * while the caller gets an answer (security probe, finding 1); a transaction begun after it fails at once. Once
 * the request's answer is computed, {@link #finish} lifts it: what follows (its audit entry) is not cut short.
 */
public final class Deadline implements AutoCloseable {

    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Duration timeout;
    private final long endsAt;
    private final Set<Runnable> stops = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> expiry;
    private volatile boolean expired;
    private volatile boolean finished;

    private Deadline(Duration timeout) {
        this.timeout = timeout;
        this.endsAt = System.nanoTime() + timeout.toNanos();
        this.expiry = TIMER.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A deadline {@code timeout} from now for the request this thread serves, until {@link #close}. */
    public static Deadline start(Duration timeout) {
        Deadline deadline = new Deadline(timeout);
        CURRENT.set(deadline);
        return deadline;
    }

    /** The deadline of the request this thread serves, while its answer is being computed. */
    public static Optional<Deadline> current() {
        Deadline deadline = CURRENT.get();
        return deadline == null || deadline.finished ? Optional.empty() : Optional.of(deadline);
    }

    public Duration timeout() {
        return timeout;
    }

    /** Time left, zero once expired. */
    public Duration remaining() {
        return expired() ? Duration.ZERO : Duration.ofNanos(Math.max(0, endsAt - System.nanoTime()));
    }

    public boolean expired() {
        return expired || endsAt - System.nanoTime() <= 0;
    }

    /**
     * Runs {@code stop} when the deadline passes (at once when it has); close the registration when the work ends
     * before. Stops run on the deadline's timer thread and must be quick and thread-safe.
     */
    public Registration whenExpired(Runnable stop) {
        stops.add(stop);
        if (expired) {
            stop(stop);
        }
        return () -> stops.remove(stop);
    }

    /** The answer is computed: nothing more is stopped, and later work of this thread has no deadline. */
    public void finish() {
        finished = true;
        expiry.cancel(false);
        stops.clear();
    }

    /** The request is over: the thread serves no request. */
    @Override
    public void close() {
        finish();
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    private void expire() {
        expired = true;
        if (!finished) {
            stops.forEach(Deadline::stop);
        }
    }

    private static void stop(Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException ignored) {
            // already ended on its own: nothing left to stop
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "request-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // a finished request leaves nothing queued behind
        return timer;
    }

    /** Work registered to be stopped at the deadline. */
    public interface Registration extends AutoCloseable {

        @Override
        void close();
    }
}
