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
 * end or a code window pass without sleeping. Back to the real time before each test ({@link IntegrationTest}).
 */
@Component
@Primary
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return Period.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }
}
