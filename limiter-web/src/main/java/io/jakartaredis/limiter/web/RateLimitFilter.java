package io.jakartaredis.limiter.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.keys.ClientAddressResolver;

/**
 * Limits HTTP requests by the rules of {@code limiter.web.rules.*}; installed by
 * {@link RateLimitFilterInitializer} in front of every other filter.
 *
 * <p>Every rule that matches the request's method and path is checked, in the order of the rule
 * names, each taking its cost from its policy for the request's key. The first rejection answers
 * {@code 429} and ends the request: rules checked before it have already taken their tokens,
 * which are given back only by a rule whose {@code refund-status} lists 429; rules after it are
 * not checked and take nothing. A policy with tiers applies the limits of the tier that its
 * {@code TierResolver} chooses for the request, and the fields describe that tier's limits. Name the rules so that the one most
 * likely to reject comes first. A request that passes goes on with {@code RateLimit-Policy} and
 * {@code RateLimit} describing every policy that applied, joined by the decisions of
 * {@code @RateLimited} methods called while it is served ({@link ResponseFields}). After it, a rule with
 * {@code refund-status} gives back what it took when the final status is one of those
 * ({@link ResponseRefunds}); the fields were sent before, so they describe the bucket before
 * the refund. A rule whose policy has a concurrency limit holds one slot for the request, given
 * back when it ends: after the chain, on completion for an asynchronous request, after an
 * exception out of the chain, and at once when a later rule answers 429 or the limiter 503.
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
    private final RequestTiers tiers;
    /** Each rule's policy as its tiers apply it, by policy name. */
    private final Map<String, TierViews> tierViews;
    private final boolean legacyHeaders;

    /** A filter whose policies have no tier resolver: every request has the policies' own limits. */
    RateLimitFilter(WebConfig config, RateLimiter limiter) {
        this(config, limiter, RequestTiers.NONE);
    }

    RateLimitFilter(WebConfig config, RateLimiter limiter, RequestTiers tiers) {
        this.rules = config.rules();
        this.limiter = limiter;
        this.keys = new RequestKeys(new ClientAddressResolver(config.clientAddresses()));
        this.tiers = tiers;
        this.tierViews = rules.stream().map(WebRule::policy)
                .collect(Collectors.toUnmodifiableMap(PolicyConfig::name, TierViews::new, (same, other) -> same));
        this.legacyHeaders = config.legacyHeaders();
    }

    /**
     * Binds the response to this thread while the request is served ({@link CurrentResponse}), as
     * {@link DecisionFieldsFilter} does where no rule is configured: done here rather than by a
     * filter before this one, because containers order filters registered before those of
     * {@code web.xml} differently (Payara puts the later first).
     */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest outerRequest = CurrentResponse.boundRequest();
        HttpServletResponse outerResponse = CurrentResponse.boundResponse();
        ResponseFields outerFields = CurrentResponse.fieldsOrNull();
        CurrentResponse.enter(http, httpResponse);
        try {
            limit(http, httpResponse, chain);
        } finally {
            CurrentResponse.restore(outerRequest, outerResponse, outerFields);
        }
    }

    private void limit(HttpServletRequest http, HttpServletResponse httpResponse, FilterChain chain)
            throws IOException, ServletException {
        Checked checked = check(http);
        if (checked.answer().rejects()) {
            // an earlier rule that lists the filter's own 429 or 503 gets its tokens back, settled
            // first so that a client that has gone away (writing throws) cannot keep them
            checked.refunds().settle(checked.answer().status(), limiter);
            checked.answer().writeTo(httpResponse);
            return;
        }
        try {
            // with the request's other decisions, which the interceptor's may replace or join later
            if (!checked.passed().isEmpty()) {
                CurrentResponse.fields(legacyHeaders).addAll(checked.passed());
            }
        } catch (RuntimeException | Error failed) {
            // a response that refuses the headers (committed, a wrapper's rule) must not keep the slots
            checked.refunds().settle(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, limiter);
            throw failed;
        }
        if (!checked.refunds().isEmpty()) {
            proceedRefunding(http, httpResponse, chain, checked.refunds());
            return;
        }
        chain.doFilter(http, httpResponse);
    }

    /**
     * What the rules decided, and what they took that the response's status may give back.
     *
     * @param passed the decisions of the rules that allowed the request, when it may proceed
     */
    record Checked(RateLimitResponse answer, List<PolicyDecision> passed, ResponseRefunds refunds) {
    }

    /**
     * Asks the limiter for every matching rule, stopping at the first rejection; 503 when it cannot
     * decide. Any other failure (an invalid key, a resolver's exception) goes on unchanged, and the
     * container answers 500: earlier rules are settled by that status first.
     */
    Checked check(HttpServletRequest request) {
        ResponseRefunds refunds = new ResponseRefunds();
        List<PolicyDecision> passed = new ArrayList<>();
        try {
            RateLimitResponse answer = checkRules(request, refunds, passed);
            return new Checked(answer, answer.rejects() ? List.of() : passed, refunds);
        } catch (RateLimiterUnavailableException cannotDecide) {
            // the limiter logs outages itself, rate-limited
            return new Checked(RateLimitResponse.unavailable(), List.of(), refunds);
        } catch (RuntimeException | Error failed) {
            refunds.settle(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, limiter);
            throw failed;
        }
    }

    private RateLimitResponse checkRules(HttpServletRequest request, ResponseRefunds refunds, List<PolicyDecision> passed) {
        String method = request.getMethod();
        String path = pathInApplication(request);
        for (WebRule rule : rules) {
            if (!rule.matches(method, path)) {
                continue;
            }
            String key = keys.key(rule.key(), request, request.getUserPrincipal());
            String tier = tiers.tierOf(rule.policy().name(), key, request);
            Decision decision = limiter.tryAcquire(rule.policy().name(), tier, key, rule.cost());
            PolicyDecision taken = tierViews.get(rule.policy().name()).decided(decision);
            if (!decision.allowed()) {
                return RateLimitResponse.rejected(taken, legacyHeaders);
            }
            if (decision.tokensTaken() && !rule.refundStatus().isEmpty()) {
                refunds.add(rule, key, decision.tier());
            }
            if (decision.holdsSlot()) {
                refunds.hold(rule, decision);
            }
            passed.add(taken);
        }
        return RateLimitResponse.PROCEED; // the fields of passed are written with the request's other decisions
    }

    /**
     * Runs the chain, then refunds by the final status: at once, or for an asynchronous request
     * when it completes ({@link RefundingRequest}). An exception out of the chain counts as 500
     * unless the response was already committed, whose status was sent (a client that drops the
     * connection mid-download is not refunded); it goes on unchanged. After {@code startAsync}
     * the completion settles, exception or not.
     */
    private void proceedRefunding(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                                  ResponseRefunds refunds) throws IOException, ServletException {
        RefundingRequest refunding = new RefundingRequest(request, refunds, limiter, response);
        try {
            chain.doFilter(refunding, response);
        } catch (Throwable failed) {
            if (!completesLater(request, refunding)) {
                refunds.settle(response.isCommitted() ? response.getStatus() : HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                        limiter);
            }
            throw failed;
        }
        if (!completesLater(request, refunding)) {
            refunds.settle(response.getStatus(), limiter);
        }
    }

    /** Whether the request went asynchronous, through the wrapper or not: its completion settles it. */
    private static boolean completesLater(HttpServletRequest request, RefundingRequest refunding) {
        return refunding.asyncStarted() || asyncStarted(request, refunding);
    }

    /**
     * Whether asynchronous processing started without passing through the wrapper (a component
     * that called {@code startAsync} on a request it unwrapped) and is still under way once the
     * listener was added. A request completed on another thread meanwhile may have had its
     * listeners taken before this one came, so the caller settles it now; the listener, should it
     * still hear of the completion, finds it settled.
     */
    private static boolean asyncStarted(HttpServletRequest request, RefundingRequest refunding) {
        try {
            if (!request.isAsyncStarted()) {
                return false;
            }
            refunding.listenTo(request.getAsyncContext());
            return request.isAsyncStarted();
        } catch (IllegalStateException completedMeanwhile) {
            return false;
        }
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
