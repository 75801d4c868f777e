package io.jakartaredis.limiter.cdi;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;

/**
 * The {@link CallDecisionObserver}s that web applications registered when they started, told of
 * every decision of a {@code @RateLimited} call. Registration rather than a service lookup,
 * because this module may live in an EAR's {@code lib/} where it cannot see the classes of the
 * WARs; each WAR's limiter-web registers its own observer and removes it when the WAR stops.
 */
public final class CallDecisionObservers {

    private static final System.Logger LOG = System.getLogger(CallDecisionObservers.class.getName());
    private static final CallDecisionObserver[] NONE = {};
    /** Copied on write: read on every call without a lock, changed only when an application starts or stops. */
    private static volatile CallDecisionObserver[] registered = NONE;
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    /** Tells every registered observer, one after the other. */
    static final CallDecisionObserver REGISTERED = (limiter, decision) -> {
        for (CallDecisionObserver each : registered) {
            tell(each, limiter, decision);
        }
    };

    private CallDecisionObservers() {
    }

    /**
     * @return what removes the observer again; call it when the application that registered it stops,
     *         so that no class of a stopped application stays reachable from here
     */
    public static synchronized Runnable register(CallDecisionObserver observer) {
        CallDecisionObserver[] grown = Arrays.copyOf(registered, registered.length + 1);
        grown[registered.length] = observer;
        registered = grown;
        return () -> unregister(observer);
    }

    private static synchronized void unregister(CallDecisionObserver observer) {
        registered = Arrays.stream(registered).filter(each -> each != observer).toArray(CallDecisionObserver[]::new);
    }

    /**
     * Tells the observer, which must not change the outcome of the call: what it throws is logged,
     * at WARNING the first time, then at DEBUG (it would otherwise flood the log on every call).
     */
    static void tell(CallDecisionObserver observer, RateLimiter limiter, Decision decision) {
        try {
            observer.decided(limiter, decision);
        } catch (RuntimeException | LinkageError failed) {
            System.Logger.Level level = WARNED.compareAndSet(false, true) ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
            LOG.log(level, "Observer " + observer + " failed on a decision of policy " + decision.policy()
                    + "; the call goes on unaffected", failed);
        }
    }
}
