package io.jakartaredis.limiter.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Stops calling a dead Redis: after {@code failureThreshold} consecutive failures the circuit
 * opens and calls are refused for {@code coolDown}; then one probe call goes through (half-open).
 * Its success closes the circuit, its failure opens it for another cool-down. Thread-safe; the
 * closed state costs one volatile read per call.
 */
public final class CircuitBreaker {

    /** The breaker's state. */
    public enum State {
        /** Calls go to Redis. */
        CLOSED,
        /** Calls are refused until the cool-down ends. */
        OPEN,
        /** One probe call is on its way to Redis; other calls are refused. */
        HALF_OPEN
    }

    private final int failureThreshold;
    private final long coolDownNanos;
    private final LongSupplier nanoClock;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile State state = State.CLOSED;
    private long openedAtNanos;

    /** @param nanoClock monotonic time in nanoseconds, {@code System::nanoTime} outside tests */
    public CircuitBreaker(int failureThreshold, Duration coolDown, LongSupplier nanoClock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure threshold must be at least 1, was " + failureThreshold);
        }
        this.failureThreshold = failureThreshold;
        this.coolDownNanos = coolDown.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Whether a call may go to Redis now. A {@code true} must be followed by exactly one of
     * {@link #onSuccess()}, {@link #onFailure()} or {@link #onSkipped()}: it may be the probe.
     */
    public boolean tryCall() {
        if (state == State.CLOSED) {
            return true;
        }
        synchronized (this) {
            if (state == State.OPEN && nanoClock.getAsLong() - openedAtNanos >= coolDownNanos) {
                state = State.HALF_OPEN;
                return true;
            }
            return state == State.CLOSED;
        }
    }

    /** Redis answered: the circuit closes and the failure count starts again. */
    public void onSuccess() {
        if (state == State.CLOSED) {
            if (consecutiveFailures.get() != 0) {
                consecutiveFailures.set(0);
            }
            return;
        }
        synchronized (this) {
            consecutiveFailures.set(0);
            state = State.CLOSED;
        }
    }

    /** Redis failed: a failed probe, or the threshold's consecutive failure, opens the circuit. */
    public void onFailure() {
        boolean thresholdReached = consecutiveFailures.incrementAndGet() >= failureThreshold;
        if (state == State.CLOSED && !thresholdReached) {
            return;
        }
        synchronized (this) {
            if (state != State.CLOSED || consecutiveFailures.get() >= failureThreshold) {
                state = State.OPEN;
                openedAtNanos = nanoClock.getAsLong();
            }
        }
    }

    /** A permitted call did not reach Redis (e.g. no free connection): a probe's turn passes to the next call. */
    public void onSkipped() {
        if (state == State.HALF_OPEN) {
            synchronized (this) {
                if (state == State.HALF_OPEN) {
                    state = State.OPEN; // the cool-down has passed: the next call probes
                }
            }
        }
    }

    public State state() {
        return state;
    }

    @Override
    public String toString() {
        return state + " (opens after " + failureThreshold + " consecutive failures, cool-down "
                + Duration.ofNanos(coolDownNanos).toMillis() + " ms)";
    }
}
