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
 * <p>Implementations are found once, when the deployment is validated, with
 * {@link java.util.ServiceLoader} from the class loader of this module (list them in
 * {@code META-INF/services/io.jakartaredis.limiter.cdi.CallDecisionObserver}); without any, the
 * interceptor tells {@link #NONE}. Keep it cheap: it runs on every call. An exception it throws is
 * logged at debug level and does not reach the caller.
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
