package io.jakartaredis.limiter.resilience;

import io.jakartaredis.limiter.redis.BucketReply;

/**
 * One bucket of the {@code local} failure policy: the arithmetic of {@code token_bucket.lua},
 * step by step, in Java. Per limit, the time it is full again, in units of {@code 1/capacity}
 * ms, so that one token is exactly {@code window} units and refill is exact integer arithmetic.
 * Not thread-safe: {@link LocalBuckets} guards it.
 */
final class LocalTokenBucket {

    /** Per limit, when it is full again, rounded up to a whole ms: the script's {@code expiry - d_i}. */
    private final long[] fullAtMillis;
    /** Per limit, how many units before {@link #fullAtMillis} it is full: the script's {@code g_i}. */
    private final long[] earlyUnits;
    /** When every limit is full again: the script's key expiry; until then the state counts. */
    private long expiresAtMillis = Long.MIN_VALUE;

    LocalTokenBucket(int limitCount) {
        fullAtMillis = new long[limitCount];
        earlyUnits = new long[limitCount];
    }

    /**
     * Takes {@code cost} tokens from every limit or from none, as the script does.
     *
     * @param capacity tokens per limit
     * @param window   window per limit, ms
     */
    BucketReply take(long nowMillis, int cost, long[] capacity, long[] window) {
        int count = capacity.length;
        long[] debt = new long[count];
        boolean allowed = true;
        boolean clipped = false;
        for (int i = 0; i < count; i++) {
            if (nowMillis < expiresAtMillis) {
                long fullInMillis = fullAtMillis[i] - nowMillis;
                if (fullInMillis > window[i]) {
                    debt[i] = window[i] * capacity[i]; // never emptier than empty, as in the script
                    clipped = true;
                } else {
                    debt[i] = Math.max(0, fullInMillis * capacity[i] - earlyUnits[i]);
                }
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
                debt[i] += cost * window[i];
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
        if (allowed || clipped) {
            store(nowMillis, debt, capacity);
        }
        long remaining = Long.MAX_VALUE; // the fewest tokens of any limit, as in the script
        for (int i = 0; i < count; i++) {
            remaining = Math.min(remaining, capacity[i] - ceilDiv(debt[i], window[i]));
        }
        long reset = ceilDiv(debt[tightest], capacity[tightest]);
        return new BucketReply(allowed, remaining, retryAfter, reset, capacity[tightest], tightest);
    }

    private void store(long nowMillis, long[] debt, long[] capacity) {
        expiresAtMillis = nowMillis;
        for (int i = 0; i < debt.length; i++) {
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
