package io.jakartaredis.limiter.cdi;

import java.util.List;
import java.util.ServiceLoader;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;

/** The {@link CallDecisionObserver}s on the class path, found once: none, one, or all of several in turn. */
final class CallDecisionObservers {

    private static final System.Logger LOG = System.getLogger(CallDecisionObservers.class.getName());

    private CallDecisionObservers() {
    }

    static CallDecisionObserver load(ClassLoader loader) {
        List<CallDecisionObserver> found = ServiceLoader.load(CallDecisionObserver.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (found.isEmpty()) {
            return CallDecisionObserver.NONE;
        }
        return found.size() == 1 ? found.get(0) : (limiter, decision) -> found.forEach(each -> each.decided(limiter, decision));
    }

    /** Tells the observer, which must not change the outcome of the call: whatever it throws is logged. */
    static void tell(CallDecisionObserver observer, RateLimiter limiter, Decision decision) {
        try {
            observer.decided(limiter, decision);
        } catch (RuntimeException failed) {
            LOG.log(System.Logger.Level.DEBUG, "Observer " + observer + " failed on a decision of policy " + decision.policy(), failed);
        }
    }
}
