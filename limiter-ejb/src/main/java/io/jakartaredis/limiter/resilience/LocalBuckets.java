package io.jakartaredis.limiter.resilience;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.redis.BucketReply;

/**
 * The in-memory buckets of the {@code local} failure policy on this node: the policy's limits with
 * each capacity divided by the number of nodes (rounded up, at least one token), refilled exactly
 * like the script's. Memory is bounded: at most {@code maxKeys} buckets, the least recently used
 * forgotten first, and buckets that would be full again are dropped (a forgotten bucket reads as
 * a full one, as an expired Redis key does). Thread-safe; used only while Redis cannot decide.
 */
public final class LocalBuckets {

    private final int nodes;
    private final int maxKeys;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<String, LocalTokenBucket> buckets;

    /**
     * @param nodes     nodes that share each limit while Redis is away
     * @param maxKeys   most buckets kept
     * @param nanoClock monotonic time in nanoseconds, {@code System::nanoTime} outside tests
     */
    public LocalBuckets(int nodes, int maxKeys, LongSupplier nanoClock) {
        this.nodes = nodes;
        this.maxKeys = maxKeys;
        this.nanoClock = nanoClock;
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
        long smallest = Long.MAX_VALUE;
        for (int i = 0; i < capacity.length; i++) {
            capacity[i] = localCapacity(limits.get(i).tokens());
            window[i] = limits.get(i).windowMillis();
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
            BucketReply reply = bucket.take(nowMillis, localCost, capacity, window, peek);
            if (reply.allowed() && !peek) {
                buckets.put(key, bucket);
            }
            return reply;
        }
    }

    /** {@code ceil(tokens / nodes)}, at least 1. */
    long localCapacity(long tokens) {
        return Math.max(1, (tokens + nodes - 1) / nodes);
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
