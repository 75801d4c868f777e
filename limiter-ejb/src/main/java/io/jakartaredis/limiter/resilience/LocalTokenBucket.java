package io.jakartaredis.limiter.resilience;

import io.jakartaredis.limiter.config.MaxWait;
import io.jakartaredis.limiter.redis.BucketReply;

/**
 * One bucket of the {@code local} failure policy: the arithmetic of {@code token_bucket.lua},
 * step by step, in Java. Per limit, the time it is full again, in units of {@code 1/capacity}
 * ms, so that one token is exactly {@code window} units and refill is exact integer arithmetic.
 * Not thread-safe: {@link LocalBuckets} guards it.
 */
final class LocalTokenBucket {

    /** Debts above this many units are not exact in the script: never made on one clock. */
    private static final long MAX_UNITS = 1L << 52;

    /** Per limit, when it is full again, rounded up to a whole ms: the script's {@code expiry - d_i}. */
    private final long[] fullAtMillis;
    /** Per limit, how many units before {@link #fullAtMillis} it is full: the script's {@code g_i}. */
    private final long[] earlyUnits;
    /** Per limit, {@code floor(now / window)} when last stored: the script's {@code s_i}. */
    private final long[] seenWindow;
    /** When every limit is full again: the script's key expiry; until then the state counts. */
    private long expiresAtMillis = Long.MIN_VALUE;

    LocalTokenBucket(int limitCount) {
        fullAtMillis = new long[limitCount];
        earlyUnits = new long[limitCount];
        seenWindow = new long[limitCount];
    }

    /**
     * Takes {@code cost} tokens from every limit or from none, as the script does; a peek answers
     * what a take would, with remaining and reset as the bucket is, and changes nothing.
     *
     * @param capacity tokens per limit
     * @param window   window per limit, ms
     */
    BucketReply take(long nowMillis, int cost, long[] capacity, long[] window, boolean peek) {
        int count = capacity.length;
        long[] debt = new long[count];
        boolean allowed = true;
        boolean clipped = false;
        boolean stale = false;
        for (int i = 0; i < count; i++) {
            if (nowMillis < expiresAtMillis) {
                long fullInMillis = fullAtMillis[i] - nowMillis;
                debt[i] = Math.max(0, fullInMillis * capacity[i] - earlyUnits[i]);
                if (fullInMillis > window[i] && isFromAClockAhead(i, fullInMillis, debt[i], nowMillis, window[i])) {
                    debt[i] = window[i] * capacity[i]; // never emptier than empty, as in the script
                    clipped = true;
                }
                stale |= seenWindow[i] != Math.floorDiv(nowMillis, window[i]);
            }
            if (debt[i] + cost * window[i] > window[i] * capacity[i]) {
                allowed = false;
            }
        }

        int tightest = 0;
        long fewest = Long.MAX_VALUE;
        long retryAfter = 0;
        for (int i = 0; i < count; i++) {
            if (allowed) {
                if (!peek) {
                    debt[i] += cost * window[i];
                }
                long left = capacity[i] - ceilDiv(debt[i], window[i]);
                if (left < fewest) {
                    tightest = i;
                    fewest = left;
                }
            } else {
                long wait = ceilDiv(debt[i] + cost * window[i] - window[i] * capacity[i], capacity[i]);
                if (wait > retryAfter) {
                    tightest = i;
                    retryAfter = wait;
                }
            }
        }
        if (!peek && (allowed || clipped || stale)) {
            store(nowMillis, debt, capacity, window);
        }
        long remaining = Long.MAX_VALUE; // the fewest tokens of any limit, as in the script
        for (int i = 0; i < count; i++) {
            remaining = Math.min(remaining, capacity[i] - ceilDiv(debt[i], window[i]));
        }
        long reset = ceilDiv(debt[tightest], capacity[tightest]);
        return new BucketReply(allowed, Math.max(0, remaining), retryAfter, reset, capacity[tightest], tightest);
    }

    /**
     * The script's rule for a limit full more than one window from now: a reservation on this clock
     * could have made it, unless it lies beyond window + the longest wait, beyond 2^52 units, or
     * was stored while the clock was in a later window.
     */
    private boolean isFromAClockAhead(int i, long fullInMillis, long debt, long nowMillis, long window) {
        return fullInMillis > window + MaxWait.LONGEST.toMillis() || debt > MAX_UNITS
                || seenWindow[i] > Math.floorDiv(nowMillis, window);
    }

    private void store(long nowMillis, long[] debt, long[] capacity, long[] window) {
        expiresAtMillis = nowMillis;
        for (int i = 0; i < debt.length; i++) {
            seenWindow[i] = Math.floorDiv(nowMillis, window[i]);
            fullAtMillis[i] = nowMillis + ceilDiv(debt[i], capacity[i]);
            earlyUnits[i] = (fullAtMillis[i] - nowMillis) * capacity[i] - debt[i];
            expiresAtMillis = Math.max(expiresAtMillis, fullAtMillis[i]);
        }
    }

    /** Whether the bucket reads as a full one from now on, so that forgetting it changes nothing. */
    boolean isExpired(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /** {@code Math.ceilDiv} arrived in Java 18. */
    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
