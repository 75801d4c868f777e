package io.jakartaredis.limiter.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The gate of a rate-limited WARNING: the first event is logged at once, then at most one line
 * per interval, which counts the events since the previous line. Lock-free: an event on every call
 * costs one counter increment.
 */
public final class LogInterval {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong nextLineNanos;
    private final LongAdder sinceLastLine = new LongAdder();

    /** @param nanoClock monotonic time in nanoseconds */
    public LogInterval(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.nextLineNanos = new AtomicLong(nanoClock.getAsLong());
    }

    /**
     * Counts one event.
     *
     * @return the events since the previous line, this one included, when a line is due now; 0 when not
     */
    public long eventDueForLine() {
        sinceLastLine.increment();
        long now = nanoClock.getAsLong();
        long due = nextLineNanos.get();
        if (now - due < 0 || !nextLineNanos.compareAndSet(due, now + intervalNanos)) {
            return 0;
        }
        return sinceLastLine.sumThenReset();
    }

    /** The interval in whole seconds, for the line that says how often it is written. */
    public long seconds() {
        return intervalNanos / 1_000_000_000L;
    }
}
