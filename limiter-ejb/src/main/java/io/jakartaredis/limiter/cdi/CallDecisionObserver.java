package io.jakartaredis.limiter.cdi;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimited;
import io.jakartaredis.limiter.RateLimiter;

/**
 * Told of every decision that {@link RateLimited} takes for a call, admitted or rejected, on the
 * thread that runs the interceptor, before the method runs or the rejection is thrown. The port
 * through which limiter-web adds those decisions to the {@code RateLimit} fields of the HTTP
 * response that the thread is serving, without this module knowing of servlets.
 *
 * <p>Implementations are registered with {@link CallDecisionObservers#register} (limiter-web does
 * so when each web application starts). Keep it cheap: it runs on every call. An exception it
 * throws is logged and does not reach the caller.
 */
public interface CallDecisionObserver {

    /** Observes nothing. */
    CallDecisionObserver NONE = (limiter, decision) -> {
    };

    /**
     * @param limiter  the limiter that decided, which knows the decision's policy ({@link RateLimiter#policy})
     * @param decision the decision, under the tier that applied
     */
    void decided(RateLimiter limiter, Decision decision);
}
