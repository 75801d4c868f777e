package io.jakartaredis.limiter.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.cdi.RequestKeys;
import io.jakartaredis.limiter.keys.ClientAddressResolver;

/**
 * Limits HTTP requests by the rules of {@code limiter.web.rules.*}; installed by
 * {@link RateLimitFilterInitializer} in front of every other filter.
 *
 * <p>Every rule that matches the request's method and path is checked, in the order of the rule
 * names, each taking its cost from its policy for the request's key. The first rejection answers
 * {@code 429} and ends the request: rules checked before it have already taken their tokens,
 * which are not given back (the limiter has no refund, and a refund could race with other
 * requests); rules after it are not checked and take nothing. Name the rules so that the one most
 * likely to reject comes first. A request that passes goes on with {@code RateLimit-Policy} and
 * {@code RateLimit} describing every policy that applied.
 *
 * <p>When the limiter cannot decide (Redis unavailable and the policy's {@code on-failure} is
 * {@code closed}), the request is answered {@code 503 Service Unavailable} with {@code Retry-After}
 * and a problem body, never 429; policies with {@code open} or {@code local} decide themselves.
 *
 * <p>A policy in shadow mode never ends a request: its shadow rejection is allowed, the next
 * rules are checked and the application answers. Its fields are sent only with
 * {@code shadow-headers} ({@link RateLimitResponse#allowed}).
 */
public final class RateLimitFilter implements Filter {

    private final List<WebRule> rules;
    private final RateLimiter limiter;
    private final RequestKeys keys;
    private final boolean legacyHeaders;

    RateLimitFilter(WebConfig config, RateLimiter limiter) {
        this.rules = config.rules();
        this.limiter = limiter;
        this.keys = new RequestKeys(new ClientAddressResolver(config.clientAddresses()));
        this.legacyHeaders = config.legacyHeaders();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
            RateLimitResponse answer = check(http);
            answer.writeTo(httpResponse);
            if (answer.rejects()) {
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Asks the limiter for every matching rule, stopping at the first rejection; 503 when it cannot decide. */
    RateLimitResponse check(HttpServletRequest request) {
        try {
            return checkRules(request);
        } catch (RateLimiterUnavailableException cannotDecide) {
            return RateLimitResponse.unavailable(); // the limiter logs outages itself, rate-limited
        }
    }

    private RateLimitResponse checkRules(HttpServletRequest request) {
        String method = request.getMethod();
        String path = pathInApplication(request);
        List<PolicyDecision> passed = new ArrayList<>();
        for (WebRule rule : rules) {
            if (!rule.matches(method, path)) {
                continue;
            }
            Decision decision = limiter.tryAcquire(rule.policy().name(), keys.key(rule.key(), request, request.getUserPrincipal()), rule.cost());
            PolicyDecision taken = new PolicyDecision(rule.policy(), decision);
            if (!decision.allowed()) {
                return RateLimitResponse.rejected(taken, legacyHeaders);
            }
            passed.add(taken);
        }
        return RateLimitResponse.allowed(passed, legacyHeaders);
    }

    /** The decoded, normalized path inside the application, as servlet URL patterns see it. */
    private static String pathInApplication(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String path = request.getPathInfo() == null ? servletPath : servletPath + request.getPathInfo();
        return path.isEmpty() ? "/" : path;
    }

    @Override
    public String toString() {
        return "RateLimitFilter" + rules;
    }
}
