package io.jakartaredis.limiter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;

class DecisionFieldsFilterTest {

    private final FakeRateLimiter limiter = new FakeRateLimiter("quote", "5/1m", "api", "10/1s");
    /** Told the legacy setting, instead of reading MicroProfile Config. */
    private final ResponseFieldsObserver observer = new ResponseFieldsObserver(false);
    private final DecisionFieldsFilter filter = new DecisionFieldsFilter();
    private final HttpServletRequest request = ServletFakes.get("/api/quote", "203.0.113.5");
    private final ServletFakes.Captured captured = new ServletFakes.Captured();

    private void decide(String policy) {
        observer.decided(limiter, limiter.tryAcquire(policy, Decision.DEFAULT_TIER, "hdr:k", 1));
    }

    @Test
    void aDecisionWhileTheChainRunsReachesTheResponseAndNoneOutsideIt() throws Exception {
        decide("quote");
        filter.doFilter(request, captured.response(), (req, res) -> decide("quote"));
        assertEquals(Map.of("RateLimit-Policy", "\"quote-1\";q=5;w=60", "RateLimit", "\"quote-1\";r=7;t=5"), captured.headers);
        assertNull(CurrentResponse.response(), "unbound once the chain returned");
        assertNull(CurrentResponse.fieldsOrNull());
        decide("api");
        assertEquals("\"quote-1\";r=7;t=5", captured.headers.get("RateLimit"), "after the request: nothing written");
    }

    @Test
    void aDecisionOnAnotherThreadWritesIntoNoResponse() throws Exception {
        filter.doFilter(request, captured.response(), (req, res) -> CompletableFuture.runAsync(() -> decide("quote")).join());
        assertEquals(Map.of(), captured.headers);
    }

    @Test
    void onceTheRequestWentAsynchronousItsOwnThreadWritesNothingEither() throws Exception {
        boolean[] asyncStarted = {false};
        HttpServletRequest goingAsync = (HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> method.getName().equals("isAsyncStarted") ? asyncStarted[0] : method.invoke(request, args));
        filter.doFilter(goingAsync, captured.response(), (req, res) -> {
            decide("quote");
            asyncStarted[0] = true; // another thread may now be writing the response
            decide("api");
        });
        assertEquals("\"quote-1\";r=7;t=5", captured.headers.get("RateLimit"), "the decision after startAsync is not written");
        assertNull(CurrentResponse.boundRequest(), "unbound once the chain returned");
    }

    @Test
    void aRequestServedInsideAnotherOnTheSameThreadKeepsItsOwnFieldsAndGivesTheOuterOnesBack() throws Exception {
        ServletFakes.Captured inner = new ServletFakes.Captured();
        FilterChain innerChain = (req, res) -> decide("api");
        filter.doFilter(request, captured.response(), (req, res) -> {
            decide("quote");
            filter.doFilter(request, inner.response(), innerChain);
            decide("quote");
        });
        assertEquals("\"api-1\";r=7;t=5", inner.headers.get("RateLimit"));
        assertEquals("\"quote-1\";r=7;t=5", captured.headers.get("RateLimit"), "the outer request's fields alone");
    }

    @Test
    void theRateLimitFiltersDecisionsAndTheMethodsShareOneSetOfFields() throws Exception {
        RateLimitFilter rules = new RateLimitFilter(WebConfigReader.read(io.jakartaredis.limiter.config.ConfigValues.of(Map.of(
                "limiter.web.rules.q.pattern", "/api/*", "limiter.web.rules.q.policy", "api")), limiter::policy), limiter);
        rules.doFilter(request, captured.response(), (req, res) -> decide("quote"));
        assertNull(CurrentResponse.response(), "the rate limit filter binds the response itself, and unbinds it");
        assertEquals(Map.of("RateLimit-Policy", "\"api-1\";q=10;w=1, \"quote-1\";q=5;w=60",
                "RateLimit", "\"api-1\";r=7;t=5, \"quote-1\";r=7;t=5"), captured.headers);
    }

    @Test
    void aRequestWithoutDecisionsAllocatesNothing() throws Exception {
        HttpServletResponse response = captured.response();
        FilterChain nothing = (req, res) -> { };
        for (int i = 0; i < 20_000; i++) {
            filter.doFilter(request, response, nothing); // warm-up, and the thread's entries made once
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            filter.doFilter(request, response, nothing);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 100_000, "bytes for 100,000 requests: " + allocated);
    }
}
