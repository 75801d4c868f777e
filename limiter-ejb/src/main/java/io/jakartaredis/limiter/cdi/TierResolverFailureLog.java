package io.jakartaredis.limiter.cdi;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Logs the calls whose tier resolver threw, and so were decided under their policy's own limits:
 * the first at once, then at most one WARNING per interval, with the count since the previous
 * line, the resolver's class and the exception (its stack trace attached); never the client key.
 * Lock-free: a resolver failing on every call costs one counter increment per call.
 */
final class TierResolverFailureLog {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(TierResolverFailureLog.class.getName());

    private final System.Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong nextLineNanos;
    private final LongAdder sinceLastLine = new LongAdder();

    TierResolverFailureLog(LongSupplier nanoClock) {
        this(LOG, INTERVAL, nanoClock);
    }

    TierResolverFailureLog(System.Logger log, Duration interval, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.nextLineNanos = new AtomicLong(nanoClock.getAsLong());
    }

    /** A call under {@code policy} whose resolver of class {@code resolver} threw {@code failure}. */
    void failed(String policy, Class<?> resolver, RuntimeException failure) {
        sinceLastLine.increment();
        long now = nanoClock.getAsLong();
        long due = nextLineNanos.get();
        if (now - due < 0 || !nextLineNanos.compareAndSet(due, now + intervalNanos)) {
            return;
        }
        long calls = sinceLastLine.sumThenReset();
        log.log(Level.WARNING, "Tier resolver " + resolver.getName() + " threw " + failure + " for policy '" + policy
                + "': the policy's own limits (the default tier) decided " + calls + (calls == 1 ? " call" : " calls")
                + " whose resolver threw since the previous such warning (at most one per "
                + intervalNanos / 1_000_000_000L + " s)", failure);
    }
}
