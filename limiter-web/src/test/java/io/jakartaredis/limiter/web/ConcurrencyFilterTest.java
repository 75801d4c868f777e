package io.jakartaredis.limiter.web;

import static io.jakartaredis.limiter.web.ServletFakes.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/**
 * The filter under a policy with a concurrency limit, against a real Redis: requests beyond the
 * slots get 429 with the {@code concurrent-requests} quota item, and every slot comes back when its
 * request ends, synchronously, asynchronously, after an exception, or when a later rule refuses.
 */
class ConcurrencyFilterTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String LEASES = "{rate_limit:conc:ip:203.0.113.5}:leases";

    private RealFilter real;

    @BeforeEach
    void start() {
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.flushAll();
        }
        real = RealFilter.start(Map.of("limiter.redis.url", REDIS.server().url(), "limiter.redis.timeout", "2s",
                "limiter.policy.conc.concurrency", "2", "limiter.policy.conc.limits", "100/1m",
                "limiter.policy.later.limits", "1/1h",
                "limiter.web.rules.a-conc.pattern", "/api/*", "limiter.web.rules.a-conc.policy", "conc",
                "limiter.web.rules.b-later.pattern", "/api/later/*", "limiter.web.rules.b-later.policy", "later"));
    }

    @AfterEach
    void stop() {
        real.limiter().close();
    }

    private static long heldSlots() {
        try (Jedis jedis = REDIS.server().admin()) {
            return jedis.zcard(LEASES);
        }
    }

    /** A request whose application starts it asynchronously and lets it run on. */
    private ServletFakes.Captured inFlightAsync(List<AsyncListener> listeners) throws Exception {
        ServletFakes.Captured response = new ServletFakes.Captured();
        real.filter().doFilter(asyncStarted(get("/api/items", "203.0.113.5"), listeners), response.response(),
                (request, answer) -> { });
        return response;
    }

    @Test
    void requestsBeyondTheSlotsGet429WithTheConcurrentRequestsItem() throws Exception {
        List<AsyncListener> listeners = new ArrayList<>();
        ServletFakes.Captured first = inFlightAsync(listeners);
        assertEquals("\"conc-1\";q=100;w=60, \"conc-2\";q=2;qu=\"concurrent-requests\"",
                first.headers.get(RateLimitHeaders.RATELIMIT_POLICY));
        assertEquals("\"conc-1\";r=99;t=1, \"conc-2\";r=1", first.headers.get(RateLimitHeaders.RATELIMIT));
        inFlightAsync(listeners);
        ServletFakes.Captured third = new ServletFakes.Captured();
        ServletFakes.Chain chain = new ServletFakes.Chain();
        real.filter().doFilter(get("/api/items", "203.0.113.5"), third.response(), chain.chain());
        assertEquals(429, third.status);
        assertEquals(0, chain.passed);
        assertEquals("\"conc-1\";q=100;w=60, \"conc-2\";q=2;qu=\"concurrent-requests\"",
                third.headers.get(RateLimitHeaders.RATELIMIT_POLICY));
        assertEquals("\"conc-2\";r=0;t=1", third.headers.get(RateLimitHeaders.RATELIMIT));
        assertEquals("1", third.headers.get(RateLimitHeaders.RETRY_AFTER));
        assertTrue(third.body().contains("\"violated-policies\":[\"conc-2\"]"), third.body());
        assertTrue(third.body().contains("2 in flight"), third.body());

        HttpServletResponse done = new ServletFakes.Captured().response();
        listeners.get(0).onComplete(new AsyncEvent(null, null, done));
        assertEquals(1, heldSlots(), "an asynchronous request gives its slot back when it completes");
        listeners.get(1).onComplete(new AsyncEvent(null, null, done));
        assertFalse(exists(), "no slot left");
    }

    @Test
    void aSynchronousRequestGivesItsSlotBackAfterTheChainAlsoAfterAnException() throws Exception {
        for (int i = 0; i < 5; i++) {
            ServletFakes.Captured response = new ServletFakes.Captured();
            real.filter().doFilter(get("/api/items", "203.0.113.5"), response.response(),
                    (request, answer) -> assertEquals(1, heldSlots(), "held while the application runs"));
            assertEquals(200, response.status);
            assertEquals(0, heldSlots());
        }
        ServletException failure = new ServletException("the application failed");
        FilterChain failing = (request, answer) -> {
            throw failure;
        };
        for (int i = 0; i < 3; i++) {
            assertSame(failure, assertThrows(ServletException.class, () -> real.filter().doFilter(
                    get("/api/items", "203.0.113.5"), new ServletFakes.Captured().response(), failing)));
        }
        assertFalse(exists(), "every slot came back");
    }

    @Test
    void aResponseThatRefusesTheAllowedHeadersStillGetsItsSlotBack() {
        IllegalStateException refused = new IllegalStateException("the response is committed");
        HttpServletResponse committed = new HttpServletResponseWrapper(new ServletFakes.Captured().response()) {
            @Override
            public void setHeader(String name, String value) {
                throw refused;
            }
        };
        ServletFakes.Chain chain = new ServletFakes.Chain();
        assertSame(refused, assertThrows(IllegalStateException.class,
                () -> real.filter().doFilter(get("/api/items", "203.0.113.5"), committed, chain.chain())));
        assertEquals(0, chain.passed);
        assertFalse(exists(), "the slot went back although the headers could not be written");
    }

    @Test
    void aLaterRulesRejectionGivesBackTheSlotOfAnEarlierRule() throws Exception {
        real.filter().doFilter(get("/api/later/x", "203.0.113.5"), new ServletFakes.Captured().response(),
                (request, answer) -> { });
        ServletFakes.Captured rejected = new ServletFakes.Captured();
        real.filter().doFilter(get("/api/later/x", "203.0.113.5"), rejected.response(), new ServletFakes.Chain().chain());
        assertEquals(429, rejected.status, "by rule b-later's 1/1h");
        assertFalse(exists(), "rule a-conc's slot came back with the 429");
    }

    private static boolean exists() {
        try (Jedis jedis = REDIS.server().admin()) {
            return jedis.exists(LEASES);
        }
    }

    private static HttpServletRequest asyncStarted(HttpServletRequest request, List<AsyncListener> listeners) {
        AsyncContext context = (AsyncContext) Proxy.newProxyInstance(ConcurrencyFilterTest.class.getClassLoader(),
                new Class<?>[] {AsyncContext.class}, (proxy, call, args) -> {
                    if (call.getName().equals("addListener") && args.length == 1) {
                        listeners.add((AsyncListener) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(call.getName());
                });
        return new HttpServletRequestWrapper(request) {
            @Override
            public boolean isAsyncStarted() {
                return true;
            }

            @Override
            public AsyncContext getAsyncContext() {
                return context;
            }
        };
    }
}
