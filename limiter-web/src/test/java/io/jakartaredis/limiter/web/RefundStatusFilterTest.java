package io.jakartaredis.limiter.web;

import static io.jakartaredis.limiter.web.ServletFakes.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.web.FakeRateLimiter.Refund;

/** {@code limiter.web.rules.<rule>.refund-status}: which responses give their tokens back. */
class RefundStatusFilterTest {

    private final FakeRateLimiter limiter = new FakeRateLimiter("api", "10/1s, 1000/1h", "site", "100/1m");
    private final ServletFakes.Captured response = new ServletFakes.Captured();
    /** The request and response a {@link #startingAsync} request was started over. */
    private final List<Object> startedOver = new ArrayList<>();

    /** Rule {@code a-api} on /api/* refunds 5xx and 304 to the client's address; {@code b-site} on every path refunds nothing. */
    private RateLimitFilter filter() {
        Map<String, String> values = new HashMap<>(Map.of(
                "limiter.web.rules.a-api.pattern", "/api/*", "limiter.web.rules.a-api.policy", "api",
                "limiter.web.rules.a-api.cost", "2", "limiter.web.rules.a-api.refund-status", "5xx, 304",
                "limiter.web.rules.b-site.pattern", "/*", "limiter.web.rules.b-site.policy", "site",
                "limiter.web.rules.b-site.key", "global"));
        return new RateLimitFilter(WebConfigReader.read(ConfigValues.of(values), limiter::policy), limiter);
    }

    private static FilterChain answering(int status) {
        return (request, response) -> ((HttpServletResponse) response).setStatus(status);
    }

    private void run(int status) throws Exception {
        filter().doFilter(get("/api/items", "203.0.113.5"), response.response(), answering(status));
    }

    @Test
    void aListedStatusIsRefundedByTheRuleThatListsItOnly() throws Exception {
        run(503);
        run(304);
        assertEquals(List.of(new Refund("api", "ip:203.0.113.5", 2), new Refund("api", "ip:203.0.113.5", 2)), limiter.refunds);
    }

    @Test
    void anUnlistedStatusKeepsItsTokens() throws Exception {
        run(200);
        run(429);
        assertEquals(List.of(), limiter.refunds);
    }

    @Test
    void anExceptionOutOfTheChainCountsAs500AndGoesOnUnchanged() {
        ServletException failure = new ServletException("the application failed");
        assertSame(failure, assertThrows(ServletException.class, () -> filter().doFilter(get("/api/items", "203.0.113.5"),
                response.response(), (request, ignored) -> {
                    throw failure;
                })));
        assertEquals(List.of(new Refund("api", "ip:203.0.113.5", 2)), limiter.refunds);
    }

    @Test
    void tokensThatWereNotTakenAreNotRefunded() throws Exception {
        limiter.admittingUntaken("api");
        run(503);
        assertEquals(List.of(), limiter.refunds);
    }

    @Test
    void anAsynchronousRequestIsRefundedWhenItCompletes() throws Exception {
        List<AsyncListener> listeners = new ArrayList<>();
        HttpServletRequest async = asyncStarted(get("/api/items", "203.0.113.5"), listeners);
        filter().doFilter(async, response.response(), answering(200));
        assertEquals(List.of(), limiter.refunds, "not yet: the status is not final");
        assertEquals(1, listeners.size());

        response.response().setStatus(503);
        listeners.get(0).onComplete(new AsyncEvent(async.getAsyncContext(), async, response.response()));
        assertEquals(List.of(new Refund("api", "ip:203.0.113.5", 2)), limiter.refunds);
    }

    @Test
    void anExceptionAfterTheResponseWasCommittedIsSettledWithTheStatusThatWasSent() {
        // a client that drops the connection mid-download: the container's write fails after a 200 went out
        IOException brokenPipe = new IOException("Broken pipe");
        assertSame(brokenPipe, assertThrows(IOException.class, () -> filter().doFilter(get("/api/items", "203.0.113.5"),
                response.response(), (request, sent) -> {
                    ((HttpServletResponse) sent).setStatus(200);
                    response.committed = true;
                    throw brokenPipe;
                })));
        assertEquals(List.of(), limiter.refunds);
    }

    @Test
    void anAsynchronousRequestIsSettledOnceHoweverOftenItsListenerHearsOfCompletion() throws Exception {
        List<AsyncListener> listeners = new ArrayList<>();
        HttpServletRequest async = asyncStarted(get("/api/items", "203.0.113.5"), listeners);
        filter().doFilter(async, response.response(), answering(503));
        AsyncEvent completed = new AsyncEvent(async.getAsyncContext(), async, response.response());
        listeners.get(0).onComplete(completed);
        listeners.get(0).onComplete(completed);
        assertEquals(List.of(new Refund("api", "ip:203.0.113.5", 2)), limiter.refunds);
    }

    @Test
    void theListenerIsAddedWhenTheApplicationStartsAsyncAndAnExceptionAfterItIsLeftToTheCompletion() throws Exception {
        List<AsyncListener> listeners = new ArrayList<>();
        HttpServletRequest async = startingAsync(get("/api/items", "203.0.113.5"), listeners);
        ServletException failure = new ServletException("failed after startAsync");
        assertSame(failure, assertThrows(ServletException.class, () -> filter().doFilter(async, response.response(),
                (request, ignored) -> {
                    request.startAsync();
                    throw failure;
                })));
        assertEquals(List.of(), limiter.refunds, "not yet: the asynchronous cycle may still answer");
        assertEquals(1, listeners.size());
        response.response().setStatus(503);
        listeners.get(0).onComplete(new AsyncEvent(async.getAsyncContext(), async, response.response()));
        assertEquals(List.of(new Refund("api", "ip:203.0.113.5", 2)), limiter.refunds);
    }

    @Test
    void theNoArgumentStartAsyncStartsOverTheRequestAndResponseTheFilterWasGiven() throws Exception {
        List<AsyncListener> listeners = new ArrayList<>();
        HttpServletRequest async = startingAsync(get("/api/items", "203.0.113.5"), listeners);
        HttpServletResponse given = response.response();
        filter().doFilter(async, given, (request, ignored) -> request.startAsync());
        assertEquals(List.of(async, given), startedOver, "the container's own objects, not the wrapper");
        assertEquals(1, listeners.size());
    }

    @Test
    void anAsynchronousRequestThatCompletedBeforeItsListenerWasAddedIsSettledAtOnceWithoutAnException() throws Exception {
        HttpServletRequest completedMeanwhile = asyncStarted(get("/api/items", "203.0.113.5"), null);
        filter().doFilter(completedMeanwhile, response.response(), answering(503));
        assertEquals(List.of(new Refund("api", "ip:203.0.113.5", 2)), limiter.refunds);
    }

    @Test
    void anAsynchronousRequestThatCompletesWhileItsListenerIsAddedIsSettledAtOnceAndOnce() throws Exception {
        // another thread completes the request after the container took its listeners, before ours was added
        List<AsyncListener> listeners = new ArrayList<>();
        AsyncContext context = recording(listeners);
        HttpServletRequest completing = new HttpServletRequestWrapper(get("/api/items", "203.0.113.5")) {
            @Override
            public boolean isAsyncStarted() {
                return listeners.isEmpty();
            }

            @Override
            public AsyncContext getAsyncContext() {
                return context;
            }
        };
        filter().doFilter(completing, response.response(), answering(503));
        assertEquals(List.of(new Refund("api", "ip:203.0.113.5", 2)), limiter.refunds);
        listeners.get(0).onComplete(new AsyncEvent(context, completing, response.response()));
        assertEquals(1, limiter.refunds.size(), "settled once");
    }

    /** Rule {@code a-api} lists {@code listed}; rule {@code b-site}'s policy is rejecting or cannot decide. */
    private RateLimitFilter refundingBeforeALaterRule(String listed) {
        Map<String, String> values = new HashMap<>(Map.of(
                "limiter.web.rules.a-api.pattern", "/api/*", "limiter.web.rules.a-api.policy", "api",
                "limiter.web.rules.a-api.refund-status", listed,
                "limiter.web.rules.b-site.pattern", "/*", "limiter.web.rules.b-site.policy", "site"));
        return new RateLimitFilter(WebConfigReader.read(ConfigValues.of(values), limiter::policy), limiter);
    }

    /** 429 when the later rule rejects, 503 when its closed policy cannot decide. */
    @ParameterizedTest
    @CsvSource({"4xx, 429", "5xx, 503"})
    void theFiltersOwnAnswerToALaterRuleGivesBackWhatAnEarlierRuleListingItTook(String listed, int answered) throws Exception {
        if (answered == 429) {
            limiter.rejecting("site");
        } else {
            limiter.unavailable("site");
        }
        refundingBeforeALaterRule(listed).doFilter(get("/api/items", "203.0.113.5"), response.response(), answering(200));
        assertEquals(answered, response.status);
        assertEquals(List.of(new Refund("api", "ip:203.0.113.5", 1)), limiter.refunds);
    }

    @Test
    void theFiltersOwnAnswerSettlesEarlierRulesEvenWhenTheClientHasGoneAway() {
        limiter.rejecting("site");
        IOException gone = new IOException("Broken pipe");
        response.writeFailure = gone;
        assertSame(gone, assertThrows(IOException.class, () -> refundingBeforeALaterRule("4xx")
                .doFilter(get("/api/items", "203.0.113.5"), response.response(), answering(200))));
        assertEquals(List.of(new Refund("api", "ip:203.0.113.5", 1)), limiter.refunds);
    }

    @Test
    void anUncheckedExceptionFromALaterRulesCheckSettlesEarlierRulesAs500AndGoesOnUnchanged() {
        IllegalArgumentException invalidKey = new IllegalArgumentException("invalid key");
        limiter.failing("site", invalidKey);
        assertSame(invalidKey, assertThrows(IllegalArgumentException.class, () -> refundingBeforeALaterRule("5xx")
                .doFilter(get("/api/items", "203.0.113.5"), response.response(), answering(200))));
        assertEquals(List.of(new Refund("api", "ip:203.0.113.5", 1)), limiter.refunds);
    }

    @Test
    void aRefundThatFailsWithAnErrorLeavesTheResponseAlone() throws Exception {
        limiter.refundFailure = new NoClassDefFoundError("redis/clients/jedis/Jedis");
        run(503);
        assertEquals(503, response.status);
        assertEquals(1, limiter.refunds.size());
    }

    /** A request whose {@code startAsync()} starts it, with an asynchronous context that records its listeners. */
    private HttpServletRequest startingAsync(HttpServletRequest request, List<AsyncListener> listeners) {
        AsyncContext context = recording(listeners);
        return new HttpServletRequestWrapper(request) {
            private boolean started;

            @Override
            public AsyncContext startAsync() {
                started = true;
                return context;
            }

            @Override
            public AsyncContext startAsync(ServletRequest startedWith, ServletResponse answeredWith) {
                started = true;
                startedOver.add(startedWith);
                startedOver.add(answeredWith);
                return context;
            }

            @Override
            public boolean isAsyncStarted() {
                return started;
            }

            @Override
            public AsyncContext getAsyncContext() {
                return context;
            }
        };
    }

    /** Records the listeners added, or with {@code null} refuses them as a context that completed meanwhile. */
    private static AsyncContext recording(List<AsyncListener> listeners) {
        return (AsyncContext) Proxy.newProxyInstance(RefundStatusFilterTest.class.getClassLoader(),
                new Class<?>[] {AsyncContext.class}, (proxy, call, args) -> {
                    if (call.getName().equals("addListener") && args.length == 1) {
                        if (listeners == null) {
                            throw new IllegalStateException("async not started");
                        }
                        listeners.add((AsyncListener) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(call.getName());
                });
    }

    private static HttpServletRequest asyncStarted(HttpServletRequest request, List<AsyncListener> listeners) {
        AsyncContext context = recording(listeners);
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
