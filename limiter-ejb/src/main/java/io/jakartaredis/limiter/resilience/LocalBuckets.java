package io.jakartaredis.limiter.resilience;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.redis.BucketReply;

/**
 * The in-memory buckets of the {@code local} failure policy on this node: the policy's limits with
 * each capacity divided by the number of nodes (rounded up, at least one token), refilled exactly
 * like the script's; a calendar limit counts this node's calls in its current period (by this
 * node's clock), from 0 at each boundary. Memory is bounded: at most {@code maxKeys} buckets, the least recently used
 * forgotten first, and buckets that would be full again are dropped (a forgotten bucket reads as
 * a full one, as an expired Redis key does). Thread-safe; used only while Redis cannot decide.
 */
public final class LocalBuckets {

    private final int nodes;
    private final int maxKeys;
    private final LongSupplier nanoClock;
    private final LongSupplier epochClock;
    private final LinkedHashMap<String, LocalTokenBucket> buckets;
    /** Per calendar limit, its current period by this node's clock: computed once per period. */
    private final Map<Limit, long[]> periods = new ConcurrentHashMap<>();

    /**
     * @param nodes     nodes that share each limit while Redis is away
     * @param maxKeys   most buckets kept
     * @param nanoClock monotonic time in nanoseconds, {@code System::nanoTime} outside tests
     */
    public LocalBuckets(int nodes, int maxKeys, LongSupplier nanoClock) {
        this(nodes, maxKeys, nanoClock, System::currentTimeMillis);
    }

    /**
     * @param nodes      nodes that share each limit while Redis is away
     * @param maxKeys    most buckets kept
     * @param nanoClock  monotonic time in nanoseconds, {@code System::nanoTime} outside tests
     * @param epochClock this node's clock, ms since the epoch: the periods of calendar limits
     */
    public LocalBuckets(int nodes, int maxKeys, LongSupplier nanoClock, LongSupplier epochClock) {
        this.nodes = nodes;
        this.maxKeys = maxKeys;
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LocalTokenBucket> eldest) {
                return size() > LocalBuckets.this.maxKeys;
            }
        };
    }

    /**
     * Takes {@code cost} tokens from the local bucket at {@code key}. A cost above a local
     * capacity takes that whole capacity, so that an expensive call can still pass once per window.
     */
    public BucketReply take(String key, int cost, List<Limit> limits) {
        return decide(key, cost, limits, false);
    }

    /**
     * What {@link #take} would answer, with remaining and reset as the bucket is; changes no bucket,
     * though it drops expired ones and counts as a use for the least-recently-used eviction.
     */
    public BucketReply peek(String key, int cost, List<Limit> limits) {
        return decide(key, cost, limits, true);
    }

    private BucketReply decide(String key, int cost, List<Limit> limits, boolean peek) {
        long[] capacity = new long[limits.size()];
        long[] window = new long[limits.size()];
        long[] periodEnd = new long[limits.size()];
        long[] untilEnd = new long[limits.size()];
        long smallest = Long.MAX_VALUE;
        long epochMillis = Long.MIN_VALUE;
        for (int i = 0; i < capacity.length; i++) {
            Limit limit = limits.get(i);
            capacity[i] = localCapacity(limit.tokens());
            window[i] = limit.windowMillis();
            periodEnd[i] = LocalTokenBucket.NO_PERIOD;
            if (limit.isCalendar()) {
                epochMillis = epochMillis == Long.MIN_VALUE ? epochClock.getAsLong() : epochMillis;
                periodEnd[i] = periodEnd(limit, epochMillis);
                untilEnd[i] = periodEnd[i] - epochMillis;
            }
            smallest = Math.min(smallest, capacity[i]);
        }
        int localCost = (int) Math.min(cost, smallest);
        long nowMillis = nanoClock.getAsLong() / 1_000_000;
        synchronized (buckets) {
            dropExpiredEldest(nowMillis);
            LocalTokenBucket bucket = buckets.get(key);
            if (bucket == null || bucket.isExpired(nowMillis)) {
                bucket = new LocalTokenBucket(capacity.length);
            }
            BucketReply reply = bucket.take(nowMillis, localCost, capacity, window, periodEnd, untilEnd, peek);
            if (reply.allowed() && !peek) {
                buckets.put(key, bucket);
            }
            return reply;
        }
    }

    /** Ms from now until the end of the calendar limit's current period, by this node's clock. */
    public long millisToPeriodEnd(Limit calendarLimit) {
        long epochMillis = epochClock.getAsLong();
        return periodEnd(calendarLimit, epochMillis) - epochMillis;
    }

    /** The end (epoch ms) of the calendar limit's period that contains {@code epochMillis}: its start and end cached. */
    private long periodEnd(Limit limit, long epochMillis) {
        long[] period = periods.get(limit);
        if (period == null || epochMillis < period[0] || epochMillis >= period[1]) {
            period = limit.calendar().starts(epochMillis, limit.zone(), 0, 2);
            periods.put(limit, period);
        }
        return period[1];
    }

    /** {@code ceil(tokens / nodes)}, at least 1. */
    long localCapacity(long tokens) {
        return nodeShare(tokens, nodes);
    }

    /** One node's share of an amount that {@code nodes} nodes share while Redis is away: {@code ceil(amount / nodes)}, at least 1. */
    static long nodeShare(long amount, int nodes) {
        return Math.max(1, (amount + nodes - 1) / nodes);
    }

    /** Drops buckets that are full again from the least recently used end; amortized constant time. */
    private void dropExpiredEldest(long nowMillis) {
        Iterator<LocalTokenBucket> eldestFirst = buckets.values().iterator();
        while (eldestFirst.hasNext() && eldestFirst.next().isExpired(nowMillis)) {
            eldestFirst.remove();
        }
    }

    /** How many buckets are kept now. */
    public int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}
