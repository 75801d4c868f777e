package io.jakartaredis.limiter.resilience;

import io.jakartaredis.limiter.redis.BucketReply;

/**
 * One bucket of the {@code local} failure policy: the arithmetic of {@code token_bucket.lua},
 * step by step, in Java. Whole tokens plus a partial token in units of {@code 1/window} ms per
 * limit, so that refill is exact integer arithmetic and nothing is lost between calls. Not
 * thread-safe: {@link LocalBuckets} guards it.
 */
final class LocalTokenBucket {

    private final long[] tokens;
    private final long[] frac;
    private long lastMillis;
    private boolean stored;
    private long expiresAtMillis;

    LocalTokenBucket(int limitCount) {
        tokens = new long[limitCount];
        frac = new long[limitCount];
    }

    /**
     * Takes {@code cost} tokens from every limit or from none, as the script does.
     *
     * @param capacity tokens per limit
     * @param window   window per limit, ms
     */
    BucketReply take(long nowMillis, int cost, long[] capacity, long[] window) {
        int count = capacity.length;
        long[] t = new long[count];
        long[] f = new long[count];
        boolean allowed = refill(nowMillis, cost, capacity, window, t, f);

        int tightest = 0;
        long retryAfter = 0;
        long ttl = 0;
        for (int i = 0; i < count; i++) {
            if (allowed) {
                t[i] -= cost;
                if (t[i] < t[tightest]) {
                    tightest = i;
                }
            } else if (t[i] < cost) {
                long wait = ceilDiv((cost - t[i]) * window[i] - f[i], capacity[i]);
                if (wait > retryAfter) {
                    retryAfter = wait;
                    tightest = i;
                }
            }
            ttl = Math.max(ttl, untilFull(capacity[i], window[i], t[i], f[i]));
        }
        if (allowed) {
            System.arraycopy(t, 0, tokens, 0, count);
            System.arraycopy(f, 0, frac, 0, count);
            lastMillis = nowMillis;
            stored = true;
            expiresAtMillis = nowMillis + ttl;
        }
        long reset = untilFull(capacity[tightest], window[tightest], t[tightest], f[tightest]);
        return new BucketReply(allowed, t[tightest], retryAfter, reset, capacity[tightest], tightest);
    }

    /** Refills every limit up to now into {@code t} and {@code f}; whether every limit has {@code cost} tokens. */
    private boolean refill(long nowMillis, int cost, long[] capacity, long[] window, long[] t, long[] f) {
        // A clock that went backwards refills nothing, as in the script.
        long elapsed = stored ? Math.max(0, nowMillis - lastMillis) : 0;
        boolean allowed = true;
        for (int i = 0; i < capacity.length; i++) {
            long cap = capacity[i];
            long win = window[i];
            t[i] = cap;
            f[i] = 0;
            if (stored && elapsed < win) {
                t[i] = Math.min(tokens[i], cap);
                f[i] = Math.min(frac[i], win - 1) + elapsed * cap;
                t[i] += f[i] / win;
                f[i] %= win;
                if (t[i] >= cap) {
                    t[i] = cap;
                    f[i] = 0;
                }
            }
            if (t[i] < cost) {
                allowed = false;
            }
        }
        return allowed;
    }

    /** Whether the bucket reads as a full one from now on, so that forgetting it changes nothing. */
    boolean isExpired(long nowMillis) {
        return !stored || nowMillis >= expiresAtMillis;
    }

    private static long untilFull(long capacity, long window, long tokens, long frac) {
        return ceilDiv((capacity - tokens) * window - frac, capacity);
    }

    /** {@code Math.ceilDiv} arrived in Java 18. */
    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
