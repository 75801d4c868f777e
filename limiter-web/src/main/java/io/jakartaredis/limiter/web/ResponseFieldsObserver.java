package io.jakartaredis.limiter.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.cdi.CallDecisionObserver;
import io.jakartaredis.limiter.cdi.MicroProfileConfigValues;

/**
 * Adds each decision of a {@code @RateLimited} method, admitted or rejected, to the
 * {@code RateLimit-Policy} and {@code RateLimit} fields of the HTTP response that the deciding
 * thread serves ({@link ResponseFields}); a decision outside a request, or on a thread other than
 * the request's, changes nothing. Found by the interceptor through
 * {@code META-INF/services/io.jakartaredis.limiter.cdi.CallDecisionObserver}.
 */
public final class ResponseFieldsObserver implements CallDecisionObserver {

    /** Each policy's tier views, made at the first decision of the policy. */
    private final Map<String, TierViews> tierViews = new ConcurrentHashMap<>();
    private volatile Boolean legacyHeaders;

    /** Made by {@link java.util.ServiceLoader}. */
    public ResponseFieldsObserver() {
    }

    /** With {@code limiter.web.legacy-headers} as given, not read from MicroProfile Config. */
    ResponseFieldsObserver(boolean legacyHeaders) {
        this.legacyHeaders = legacyHeaders;
    }

    @Override
    public void decided(RateLimiter limiter, Decision decision) {
        if (CurrentResponse.response() == null) {
            return;
        }
        ResponseFields fields = CurrentResponse.fields(legacyHeaders());
        TierViews views = tierViews.computeIfAbsent(decision.policy(), name -> new TierViews(limiter.policy(name)));
        fields.add(new PolicyDecision(views.of(decision.tier()), decision));
    }

    /** Validated when the application started (by {@link RateLimitFilterInitializer}); read once here. */
    private boolean legacyHeaders() {
        if (legacyHeaders == null) {
            legacyHeaders = WebConfigReader.legacyHeaders(new MicroProfileConfigValues(ConfigProvider.getConfig()));
        }
        return legacyHeaders;
    }

    @Override
    public String toString() {
        return "ResponseFieldsObserver";
    }
}
