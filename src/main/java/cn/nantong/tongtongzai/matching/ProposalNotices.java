package cn.nantong.tongtongzai.matching;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells of changed proposals ({@link ProposalsChanged}) at most every {@link #EVERY} per job: the solver finds
 * better plans many times a second, and a subscriber needs the plan as it stands, not each step. The last change is
 * always told — a change within the interval is told at its end, once, with the job as it is then.
 */
@Component
class ProposalNotices {

    static final Duration EVERY = Duration.ofMillis(200);

    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "matching-proposal-notices");
        thread.setDaemon(true);
        return thread;
    });
    /** Per job: when it was last told (nanoTime), and whether a notice is already due. */
    private final Map<String, Told> told = new ConcurrentHashMap<>();

    ProposalNotices(ApplicationEventPublisher events) {
        this.events = events;
    }

    void changed(String jobId, String scopeLevel, String scopeId) {
        Told job = told.computeIfAbsent(jobId, id -> new Told());
        long wait;
        synchronized (job) {
            if (job.due) {
                return; // the notice already due will read the job as it is then
            }
            job.due = true;
            wait = Math.max(0, job.at + EVERY.toNanos() - System.nanoTime());
        }
        timer.schedule(() -> {
            synchronized (job) {
                job.due = false;
                job.at = System.nanoTime();
            }
            events.publishEvent(new ProposalsChanged(jobId, scopeLevel, scopeId));
        }, wait, TimeUnit.NANOSECONDS);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private static final class Told {
        long at = System.nanoTime() - EVERY.toNanos();
        boolean due;
    }
}
