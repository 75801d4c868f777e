package io.jakartaredis.limiter.web;

import static io.jakartaredis.limiter.web.ServletFakes.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The filter under a policy with tiers, against a real Redis: each tier's limits decide and are advertised. */
class TierHeadersTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisRateLimiter limiter;
    private RateLimitFilter filter;

    @BeforeEach
    void connect() {
        limiter = RedisRateLimiter.connect(LimiterConfigReader.read(ConfigValues.of(Map.of(
                "limiter.redis.url", REDIS.server().url(), "limiter.redis.timeout", "2s",
                "limiter.policy.api.limits", "2/1h", "limiter.policy.api.tiers.gold.limits", "5/1h, 20/1d"))));
        filter = new RateLimitFilter(WebConfigReader.read(ConfigValues.of(Map.of(
                "limiter.web.rules.api.pattern", "/api/*", "limiter.web.rules.api.policy", "api",
                "limiter.web.rules.api.key", "header:X-Client", "limiter.web.rules.api.refund-status", "503")), limiter::policy),
                limiter, (policy, key, request) -> request.getHeader("X-Plan"));
    }

    @AfterEach
    void close() {
        limiter.close();
    }

    private ServletFakes.Captured request(String client, String plan, int status) throws Exception {
        ServletFakes.Captured response = new ServletFakes.Captured();
        FilterChain application = (request, answer) -> ((HttpServletResponse) answer).setStatus(status);
        String[] headers = plan == null ? new String[] {"X-Client", client} : new String[] {"X-Client", client, "X-Plan", plan};
        filter.doFilter(get("/api/items", "203.0.113.5", headers), response.response(), application);
        return response;
    }

    @Test
    void goldClientsGetAndSeeTheGoldLimitsAndFreeClientsThePolicysOwn() throws Exception {
        for (int i = 0; i < 5; i++) {
            ServletFakes.Captured gold = request("k-gold", "gold", 200);
            assertEquals(200, gold.status, "request " + i);
            assertEquals("\"api-1\";q=5;w=3600, \"api-2\";q=20;w=86400", gold.headers.get("RateLimit-Policy"));
        }
        ServletFakes.Captured rejected = request("k-gold", "gold", 200);
        assertEquals(429, rejected.status);
        assertEquals("\"api-1\";q=5;w=3600, \"api-2\";q=20;w=86400", rejected.headers.get("RateLimit-Policy"));
        assertTrue(rejected.headers.get("RateLimit").startsWith("\"api-1\";r=0;"), rejected.headers.get("RateLimit"));

        assertEquals(200, request("k-free", null, 200).status);
        ServletFakes.Captured free = request("k-free", "no-such-plan", 200);
        assertEquals("\"api-1\";q=2;w=3600", free.headers.get("RateLimit-Policy"), "an unknown tier: the policy's own limits");
        assertEquals(429, request("k-free", null, 200).status);
    }

    @Test
    void aRefundedResponseGivesBackUnderTheTierThatTook() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertEquals(503, request("k-refund", "gold", 503).status, "refunded under gold, so never 429");
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(200, request("k-refund", "gold", 200).status);
        }
        assertEquals(429, request("k-refund", "gold", 200).status);
    }
}
