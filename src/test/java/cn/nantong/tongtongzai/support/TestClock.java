package cn.nantong.tongtongzai.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import cn.nantong.tongtongzai.platform.time.Period;

/**
 * The service's clock in integration tests: the real time plus an offset a test moves forward, so a lockout can
 * end or a code window pass without sleeping; a test may also stop it, so that a slow machine does not let time pass
 * between its requests. Back to the real, running time before each test ({@link IntegrationTest}).
 */
@Component
@Primary
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant stoppedAt;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** From now on time passes only by {@link #advance}. */
    public void stop() {
        stoppedAt = Instant.now();
    }

    public void reset() {
        stoppedAt = null;
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        Instant stopped = stoppedAt;
        return (stopped != null ? stopped : Instant.now()).plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return Period.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
