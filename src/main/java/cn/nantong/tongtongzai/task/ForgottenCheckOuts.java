package cn.nantong.tongtongzai.task;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Closes forgotten check-outs every minute (tongtong.service-records.auto-close=false turns it off). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "tongtong.service-records.auto-close", havingValue = "true", matchIfMissing = true)
class ForgottenCheckOuts {

    private static final Logger log = LoggerFactory.getLogger(ForgottenCheckOuts.class);

    private final ServiceRecords records;

    ForgottenCheckOuts(ServiceRecords records) {
        this.records = records;
    }

    @Scheduled(fixedDelayString = "${tongtong.service-records.auto-close-interval:PT1M}", initialDelayString = "PT30S")
    void close() {
        try {
            int closed = records.closeForgottenCheckOuts();
            if (closed > 0) {
                log.info("Closed {} forgotten check-out(s) at the end of their window", closed);
            }
        } catch (RuntimeException e) {
            log.warn("Could not close forgotten check-outs this time: {}", e.getMessage());
        }
    }
}
