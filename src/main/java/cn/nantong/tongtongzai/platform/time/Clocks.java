package cn.nantong.tongtongzai.platform.time;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's clock, in Nantong time: injected where a test must be able to move time (check-in limits, post codes). */
@Configuration(proxyBeanMethods = false)
class Clocks {

    @Bean
    Clock clock() {
        return Clock.system(Period.ZONE);
    }
}
