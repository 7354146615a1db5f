package cn.nantong.tongtongzai.platform.graphql;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.TimeoutWebGraphQlInterceptor;

/**
 * A GraphQL request that takes longer than {@code tongtong.graphql.request-timeout} (default 30 s) is answered
 * with 408 Request Timeout instead of holding the caller; depth and complexity limits keep such requests rare.
 */
@Configuration
class RequestTimeout {

    @Bean
    TimeoutWebGraphQlInterceptor requestTimeoutInterceptor(
            @Value("${tongtong.graphql.request-timeout:30s}") Duration timeout) {
        return new TimeoutWebGraphQlInterceptor(timeout);
    }
}
