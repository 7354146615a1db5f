package cn.nantong.tongtongzai.platform.graphql;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Past what the machine can serve, answer fast rather than queue for ever: at most
 * {@code tongtong.graphql.max-concurrent-requests} GraphQL requests run at once; one that cannot start within
 * {@code tongtong.graphql.queue-timeout} is answered 503 SERVICE_BUSY with Retry-After, before it has read or
 * written anything. Without this, an overloaded service keeps accepting requests into Tomcat's queue and every
 * caller waits longer and longer; with it, the requests admitted keep their latency and the others can retry
 * (or a load balancer sends them to another replica).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class LoadShedding extends OncePerRequestFilter {

    private final Semaphore running;
    private final long queueTimeoutMillis;

    @Autowired
    LoadShedding(GraphQlProperties properties) {
        this(properties.maxConcurrentRequests(), properties.queueTimeout());
    }

    LoadShedding(int maxConcurrent, Duration queueTimeout) {
        // by default 8 per core: enough to keep the cores and the database busy while others wait on I/O
        this.running = new Semaphore(maxConcurrent > 0 ? maxConcurrent : 8 * Runtime.getRuntime().availableProcessors(), true);
        this.queueTimeoutMillis = queueTimeout.toMillis();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"/graphql".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = running.tryAcquire(queueTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader("Retry-After", "1");
            RefusedRequests.answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, ErrorCode.SERVICE_BUSY, "服务繁忙，请稍后重试。");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            running.release();
        }
    }
}
