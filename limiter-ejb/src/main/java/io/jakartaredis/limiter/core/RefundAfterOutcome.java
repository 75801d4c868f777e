package io.jakartaredis.limiter.core;

import java.lang.System.Logger.Level;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;

/**
 * A refund or a release once a call's outcome is known, for the interceptor and the filter: the
 * outcome (a return value, an exception, a response) always stands, so a refund or release that
 * fails, with any exception or error short of the JVM's own (a class missing from the application,
 * an assertion), is logged, never thrown.
 */
public final class RefundAfterOutcome {

    private static final System.Logger LOG = System.getLogger(RefundAfterOutcome.class.getName());

    private RefundAfterOutcome() {
    }

    /**
     * @param tier the tier the tokens were taken under, {@link io.jakartaredis.limiter.Decision#tier()}
     * @param what what the tokens were taken for, for the log: {@code policy login}, {@code rule api after status 503}
     */
    public static void refund(RateLimiter limiter, String policy, String tier, String clientKey, int cost, String what) {
        try {
            limiter.refund(policy, tier, clientKey, cost);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "The refund of " + what + " failed; the outcome stands", e);
        }
    }

    /** Gives back the concurrency slot that {@code decision} holds, if any; {@code what} as for a refund. */
    public static void release(RateLimiter limiter, Decision decision, String what) {
        try {
            limiter.release(decision);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "The release of the concurrency slot of " + what + " failed; the outcome stands", e);
        }
    }
}
