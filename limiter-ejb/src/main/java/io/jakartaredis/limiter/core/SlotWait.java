package io.jakartaredis.limiter.core;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Sleeps until a reservation's slot. Redis answered "in {@code w} ms" on its clock before the reply
 * left it, so counting {@code w} from the reply's arrival, plus the clock-rate difference that the
 * deny cache allows for, never wakes before the slot on the Redis clock.
 *
 * <p>{@link #close()} wakes every sleeper through a condition, never through an interrupt: only the
 * caller's own interrupt may leave the thread's flag set.
 */
final class SlotWait {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** How a wait ended: {@code leftMillis} 0 when the slot came, else at least 1. */
    record Woken(long leftMillis, boolean interrupted) {
        boolean slotCame() {
            return leftMillis == 0;
        }
    }

    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closing = lock.newCondition();
    private volatile boolean closed;

    /** @param nanoClock monotonic and real ({@code System::nanoTime}): a clock that stands still would never wake */
    SlotWait(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * @param replyNanos when Redis's reply arrived
     * @param waitMillis the wait that Redis answered
     * @return how it ended; when the thread was interrupted, its flag is clear (the caller restores it)
     */
    Woken sleepUntilSlot(long replyNanos, long waitMillis) {
        long marginMillis = ceilDiv(waitMillis * DenyCache.CLOCK_RATE_PPM, 1_000_000);
        long deadline = replyNanos + (waitMillis + marginMillis) * NANOS_PER_MILLI;
        lock.lock();
        try {
            for (long left = deadline - nanoClock.getAsLong(); left > 0; left = deadline - nanoClock.getAsLong()) {
                if (closed) {
                    return new Woken(leftMillis(deadline), false);
                }
                try {
                    closing.awaitNanos(left);
                } catch (InterruptedException e) {
                    return new Woken(leftMillis(deadline), true);
                }
            }
            return new Woken(0, false);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every sleeper before its slot, and every later one at once. */
    void close() {
        lock.lock();
        try {
            closed = true;
            closing.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private long leftMillis(long deadline) {
        return Math.max(1, ceilDiv(deadline - nanoClock.getAsLong(), NANOS_PER_MILLI));
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
