package io.jakartaredis.limiter.cdi;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.LongSupplier;

import io.jakartaredis.limiter.core.LogInterval;

/**
 * Logs the calls whose tier resolver threw, and so were decided under their policy's own limits:
 * the first at once, then at most one WARNING per interval, with the count since the previous
 * line, the resolver's class and the exception (its stack trace attached); never the client key.
 * Lock-free ({@link LogInterval}).
 */
final class TierResolverFailureLog {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(TierResolverFailureLog.class.getName());

    private final System.Logger log;
    private final LogInterval lines;

    TierResolverFailureLog(LongSupplier nanoClock) {
        this(LOG, INTERVAL, nanoClock);
    }

    TierResolverFailureLog(System.Logger log, Duration interval, LongSupplier nanoClock) {
        this.log = log;
        this.lines = new LogInterval(interval, nanoClock);
    }

    /** A call under {@code policy} whose resolver of class {@code resolver} threw {@code failure}. */
    void failed(String policy, Class<?> resolver, RuntimeException failure) {
        long calls = lines.eventDueForLine();
        if (calls == 0) {
            return;
        }
        log.log(Level.WARNING, "Tier resolver " + resolver.getName() + " threw " + failure + " for policy '" + policy
                + "': the policy's own limits (the default tier) decided " + calls + (calls == 1 ? " call" : " calls")
                + " whose resolver threw since the previous such warning (at most one per "
                + lines.seconds() + " s)", failure);
    }
}
