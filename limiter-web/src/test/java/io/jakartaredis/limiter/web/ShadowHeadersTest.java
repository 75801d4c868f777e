package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** The filter's answers for policies in shadow mode, against a real Redis: requests proceed, fields only when asked for. */
class ShadowHeadersTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisRateLimiter limiter;
    private RateLimitFilter filter;

    /** Rule {@code a-trial} (policy trial, 2/1m, shadow) then {@code b-api} (policy api, 10/1m), both on /api/*. */
    private void start(String... properties) {
        Map<String, String> values = new HashMap<>();
        values.put("limiter.redis.url", REDIS.server().url());
        values.put("limiter.redis.timeout", "2s");
        values.put("limiter.policy.trial.limits", "2/1m");
        values.put("limiter.policy.trial.mode", "shadow");
        values.put("limiter.policy.api.limits", "10/1m");
        values.put("limiter.web.rules.a-trial.pattern", "/api/*");
        values.put("limiter.web.rules.a-trial.policy", "trial");
        RealFilter real = RealFilter.start(values, properties);
        limiter = real.limiter();
        filter = real.filter();
    }

    @AfterEach
    void stop() {
        limiter.close();
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.flushAll();
        }
    }

    private ServletFakes.Captured call() throws Exception {
        var response = new ServletFakes.Captured();
        var chain = new ServletFakes.Chain();
        filter.doFilter(ServletFakes.get("/api/items", "203.0.113.5"), response.response(), chain.chain());
        assertEquals(1, chain.passed, "the application answers");
        return response;
    }

    @Test
    void aShadowPolicySendsNoFieldsAllowedOrShadowRejected() throws Exception {
        start("limiter.web.legacy-headers", "true");
        for (int i = 0; i < 5; i++) {
            ServletFakes.Captured response = call();
            assertEquals(200, response.status, "call " + i);
            assertEquals(Map.of(), response.headers, "call " + i);
        }
        assertTrue(limiter.tryAcquire("trial", "ip:203.0.113.5").shadowRejected(),
                "the requests were counted: the bucket is empty");
    }

    @Test
    void withShadowHeadersTheFieldsAreThoseOfAnEnforcedPolicyButTheRequestProceeds() throws Exception {
        start("limiter.policy.trial.shadow-headers", "true");
        assertEquals("\"trial-1\";r=1;t=30", call().headers.get("RateLimit"));
        assertEquals("\"trial-1\";r=0;t=60", call().headers.get("RateLimit"));
        ServletFakes.Captured shadowRejected = call();
        assertEquals(200, shadowRejected.status);
        assertEquals("\"trial-1\";q=2;w=60", shadowRejected.headers.get("RateLimit-Policy"));
        assertEquals("\"trial-1\";r=0;t=30", shadowRejected.headers.get("RateLimit"), "t is the retry-after, as a 429 says");
        assertFalse(shadowRejected.headers.containsKey("Retry-After"), "the request was answered, not refused");
    }

    @Test
    void withAnEnforcedRuleTooOnlyTheEnforcedPolicyIsDescribed() throws Exception {
        start("limiter.web.rules.b-api.pattern", "/api/*", "limiter.web.rules.b-api.policy", "api");
        for (int i = 0; i < 4; i++) {
            ServletFakes.Captured response = call();
            assertEquals("\"api-1\";q=10;w=60", response.headers.get("RateLimit-Policy"), "call " + i);
            assertEquals("\"api-1\";r=" + (9 - i) + ";t=" + (6 * (i + 1)), response.headers.get("RateLimit"), "call " + i);
        }
    }
}
