package io.jakartaredis.limiter.core;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Sleeps until a reservation's slot. Redis answered "in {@code w} ms" on its clock before the reply
 * left it, so counting {@code w} from the reply's arrival, plus the clock-rate difference that the
 * deny cache allows for, never wakes before the slot on the Redis clock.
 */
final class SlotWait {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final LongSupplier nanoClock;

    /** @param nanoClock monotonic and real ({@code System::nanoTime}): a clock that stands still would never wake */
    SlotWait(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * @param replyNanos when Redis's reply arrived
     * @param waitMillis the wait that Redis answered
     * @return 0 when the slot has come; when the thread was interrupted (the flag is then clear), the
     *         ms that were left, at least 1
     */
    long sleepUntilSlot(long replyNanos, long waitMillis) {
        long marginMillis = ceilDiv(waitMillis * DenyCache.CLOCK_RATE_PPM, 1_000_000);
        long deadline = replyNanos + (waitMillis + marginMillis) * NANOS_PER_MILLI;
        for (long left = deadline - nanoClock.getAsLong(); left > 0; left = deadline - nanoClock.getAsLong()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                return Math.max(1, ceilDiv(deadline - nanoClock.getAsLong(), NANOS_PER_MILLI));
            }
        }
        return 0;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
