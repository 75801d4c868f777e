package io.jakartaredis.limiter.web;

import static io.jakartaredis.limiter.web.ServletFakes.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/** The filter's refund-status against a real Redis. */
class RefundStatusRedisTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisRateLimiter limiter;
    private RateLimitFilter filter;

    @BeforeEach
    void connect() {
        limiter = RedisRateLimiter.connect(LimiterConfigReader.read(ConfigValues.of(Map.of(
                "limiter.redis.url", REDIS.server().url(), "limiter.redis.timeout", "2s",
                "limiter.policy.flaky.limits", "2/1h"))));
        filter = new RateLimitFilter(WebConfigReader.read(ConfigValues.of(Map.of(
                "limiter.web.rules.flaky.pattern", "/api/*", "limiter.web.rules.flaky.policy", "flaky",
                "limiter.web.rules.flaky.refund-status", "5xx")), limiter::policy), limiter);
    }

    @AfterEach
    void close() {
        limiter.close();
    }

    /** The status the application answered, or 429 when the filter rejected the request. */
    private int request(int applicationStatus) throws Exception {
        ServletFakes.Captured response = new ServletFakes.Captured();
        FilterChain application = (request, answer) -> ((HttpServletResponse) answer).setStatus(applicationStatus);
        filter.doFilter(get("/api/items", "203.0.113.5"), response.response(), application);
        return response.status;
    }

    @Test
    void aRefunded503CostsNothingAndA200KeepsItsToken() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertEquals(503, request(503), "503 number " + (i + 1) + " was refunded, so never 429");
        }
        assertEquals(200, request(200));
        assertEquals(200, request(200));
        assertEquals(429, request(200), "both 200s kept their tokens of 2/1h");
    }
}
