package io.jakartaredis.limiter.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.cdi.CallDecisionObserver;

/**
 * Adds each decision of a {@code @RateLimited} method, admitted or rejected, to the
 * {@code RateLimit-Policy} and {@code RateLimit} fields of the HTTP response that the deciding
 * thread serves ({@link ResponseFields}); a decision outside a request, or on a thread other than
 * the request's, changes nothing. Each web application registers its own when it starts
 * ({@link RateLimitFilterInitializer}), as the responses it sees are its own.
 */
public final class ResponseFieldsObserver implements CallDecisionObserver {

    /** Each policy's tier views, made at the first decision of the policy. */
    private final Map<String, TierViews> tierViews = new ConcurrentHashMap<>();
    private final boolean legacyHeaders;

    /** @param legacyHeaders {@code limiter.web.legacy-headers} of the application that registers it */
    ResponseFieldsObserver(boolean legacyHeaders) {
        this.legacyHeaders = legacyHeaders;
    }

    @Override
    public void decided(RateLimiter limiter, Decision decision) {
        if (CurrentResponse.response() == null) {
            return;
        }
        ResponseFields fields = CurrentResponse.fields(legacyHeaders);
        TierViews views = tierViews.computeIfAbsent(decision.policy(), name -> new TierViews(limiter.policy(name)));
        fields.add(views.decided(decision));
    }

    @Override
    public String toString() {
        return "ResponseFieldsObserver";
    }
}
