package io.jakartaredis.limiter.resilience;

import java.math.BigInteger;
import java.util.Arrays;

import io.jakartaredis.limiter.config.MaxWait;
import io.jakartaredis.limiter.redis.BucketReply;

/**
 * One bucket of the {@code local} failure policy: the arithmetic of {@code token_bucket.lua},
 * step by step, in Java. A bucket limit's debt is a pair, whole ms and units of {@code 1/capacity}
 * ms, so that one token is exactly {@code window} units and refill is exact integer arithmetic
 * (products beyond a long, 10^9 tokens times a month, through {@link #mulDiv}); a calendar limit
 * counts the tokens used in its current period. Not thread-safe: {@link LocalBuckets} guards it.
 */
final class LocalTokenBucket {

    /** A limit's {@code periodEnd} when it is a bucket limit. */
    static final long NO_PERIOD = Long.MIN_VALUE;

    /** Per bucket limit, when it is full again, rounded up to a whole ms: the script's {@code expiry - d_i}. */
    private final long[] fullAtMillis;
    /** Per bucket limit, how many units before {@link #fullAtMillis} it is full: the script's {@code g_i}. */
    private final long[] earlyUnits;
    /** Per bucket limit, {@code floor(now / window)} when last stored: the script's {@code s_i}. */
    private final long[] seenWindow;
    /** Per calendar limit, the tokens used in the period that ends at {@link #usedPeriod}. */
    private final long[] used;
    /** Per calendar limit, the end (epoch ms) of the period that {@link #used} counts. */
    private final long[] usedPeriod;
    /** When every limit is full again: the script's key expiry; until then the state counts. */
    private long expiresAtMillis = Long.MIN_VALUE;

    LocalTokenBucket(int limitCount) {
        fullAtMillis = new long[limitCount];
        earlyUnits = new long[limitCount];
        seenWindow = new long[limitCount];
        used = new long[limitCount];
        usedPeriod = new long[limitCount];
    }

    /** As {@link #take(long, int, long[], long[], long[], long[], boolean)} for bucket limits only. */
    BucketReply take(long nowMillis, int cost, long[] capacity, long[] window, boolean peek) {
        long[] none = new long[capacity.length];
        Arrays.fill(none, NO_PERIOD);
        return take(nowMillis, cost, capacity, window, none, none, peek);
    }

    /**
     * Takes {@code cost} tokens from every limit or from none, as the script does; a peek answers
     * what a take would, with remaining and reset as the bucket is, and changes nothing.
     *
     * @param capacity  tokens per limit
     * @param window    window per bucket limit, ms
     * @param periodEnd per calendar limit, the end of its current period (epoch ms, its identity);
     *                  {@link #NO_PERIOD} for a bucket limit
     * @param untilEnd  per calendar limit, ms from now until that end
     */
    BucketReply take(long nowMillis, int cost, long[] capacity, long[] window, long[] periodEnd, long[] untilEnd,
                     boolean peek) {
        int count = capacity.length;
        long[][] debt = new long[count][];
        long[][] costTime = new long[count][];
        long[] usedNow = new long[count];
        boolean live = nowMillis < expiresAtMillis;
        boolean allowed = true;
        boolean clipped = false;
        boolean stale = false;
        for (int i = 0; i < count; i++) {
            if (periodEnd[i] != NO_PERIOD) {
                usedNow[i] = live && usedPeriod[i] == periodEnd[i] ? used[i] : 0;
                allowed &= usedNow[i] + cost <= capacity[i];
                continue;
            }
            debt[i] = new long[] {0, 0};
            if (live) {
                long fullInMillis = fullAtMillis[i] - nowMillis;
                debt[i] = debtOf(fullInMillis, earlyUnits[i], capacity[i]);
                if (fullInMillis > window[i] && isFromAClockAhead(i, fullInMillis, nowMillis, window[i])) {
                    debt[i] = new long[] {window[i], 0}; // never emptier than empty, as in the script
                    clipped = true;
                }
                stale |= seenWindow[i] != Math.floorDiv(nowMillis, window[i]);
            }
            costTime[i] = mulDiv(cost, window[i], capacity[i]);
            allowed &= ceilMillis(plus(debt[i], costTime[i], capacity[i])) <= window[i];
        }

        int tightest = 0;
        long best = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            boolean calendar = periodEnd[i] != NO_PERIOD;
            long measure;
            if (allowed) {
                if (!peek) {
                    if (calendar) {
                        usedNow[i] += cost;
                    } else {
                        debt[i] = plus(debt[i], costTime[i], capacity[i]);
                    }
                }
                measure = -left(i, calendar, capacity, window, debt, usedNow);
            } else if (calendar) {
                long over = usedNow[i] + cost - capacity[i];
                measure = over > 0 ? untilEnd[i] : over;
            } else {
                measure = ceilMillis(plus(debt[i], costTime[i], capacity[i])) - window[i];
            }
            if (measure > best) {
                tightest = i;
                best = measure;
            }
        }
        if (!peek && (allowed || clipped || stale)) {
            store(nowMillis, debt, usedNow, capacity, window, periodEnd, untilEnd);
        }
        long remaining = Long.MAX_VALUE; // the fewest tokens of any limit, as in the script
        for (int i = 0; i < count; i++) {
            remaining = Math.min(remaining, left(i, periodEnd[i] != NO_PERIOD, capacity, window, debt, usedNow));
        }
        boolean calendar = periodEnd[tightest] != NO_PERIOD;
        long reset = calendar ? (usedNow[tightest] > 0 ? untilEnd[tightest] : 0) : ceilMillis(debt[tightest]);
        long retryAfter = allowed ? 0 : Math.max(0, best);
        return new BucketReply(allowed, Math.max(0, remaining), retryAfter, Math.max(reset, retryAfter),
                capacity[tightest], tightest);
    }

    /** Whole tokens left: a calendar limit's capacity minus used, a bucket limit's capacity minus its debt in whole tokens. */
    private static long left(int i, boolean calendar, long[] capacity, long[] window, long[][] debt, long[] usedNow) {
        return calendar ? capacity[i] - usedNow[i] : capacity[i] - tokensOwed(debt[i], capacity[i], window[i]);
    }

    /**
     * The script's rule for a limit full more than one window from now: a reservation on this clock
     * could have made it, unless it lies beyond window + the longest wait, or was stored while the
     * clock was in a later window.
     */
    private boolean isFromAClockAhead(int i, long fullInMillis, long nowMillis, long window) {
        return fullInMillis > window + MaxWait.LONGEST.toMillis() || seenWindow[i] > Math.floorDiv(nowMillis, window);
    }

    private void store(long nowMillis, long[][] debt, long[] usedNow, long[] capacity, long[] window, long[] periodEnd,
                       long[] untilEnd) {
        expiresAtMillis = nowMillis;
        for (int i = 0; i < capacity.length; i++) {
            if (periodEnd[i] != NO_PERIOD) {
                used[i] = usedNow[i];
                usedPeriod[i] = periodEnd[i];
                if (usedNow[i] > 0) {
                    expiresAtMillis = Math.max(expiresAtMillis, nowMillis + untilEnd[i]);
                }
                continue;
            }
            seenWindow[i] = Math.floorDiv(nowMillis, window[i]);
            fullAtMillis[i] = nowMillis + ceilMillis(debt[i]);
            earlyUnits[i] = debt[i][1] > 0 ? capacity[i] - debt[i][1] : 0;
            expiresAtMillis = Math.max(expiresAtMillis, fullAtMillis[i]);
        }
    }

    /** Whether the bucket reads as a full one from now on, so that forgetting it changes nothing. */
    boolean isExpired(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /** The debt of a limit full {@code fullInMillis} from now less {@code early} units: {ms, units}. */
    private static long[] debtOf(long fullInMillis, long early, long capacity) {
        if (fullInMillis <= 0) {
            return new long[] {0, 0};
        }
        return early > 0 ? new long[] {fullInMillis - 1, capacity - early} : new long[] {fullInMillis, 0};
    }

    private static long[] plus(long[] a, long[] b, long capacity) {
        long units = a[1] + b[1];
        return units >= capacity ? new long[] {a[0] + b[0] + 1, units - capacity} : new long[] {a[0] + b[0], units};
    }

    private static long ceilMillis(long[] debt) {
        return debt[1] > 0 ? debt[0] + 1 : debt[0];
    }

    /** Whole tokens a debt owes, rounded up: ceil((ms * capacity + units) / window). */
    private static long tokensOwed(long[] debt, long capacity, long window) {
        long[] tokens = mulDiv(capacity, debt[0], window);
        return tokens[0] - Math.floorDiv(-(tokens[1] + debt[1]), window);
    }

    /** {floor(a * b / m), a * b mod m} for non-negative a, b and positive m, exact beyond a long's range. */
    static long[] mulDiv(long a, long b, long m) {
        long low = a * b;
        if (Math.multiplyHigh(a, b) == 0 && low >= 0) {
            return new long[] {low / m, low % m};
        }
        BigInteger[] quotient = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(m));
        return new long[] {quotient[0].longValueExact(), quotient[1].longValueExact()};
    }
}
