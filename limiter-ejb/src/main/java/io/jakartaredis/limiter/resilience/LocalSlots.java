package io.jakartaredis.limiter.resilience;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The concurrency slots of the {@code local} failure policy on this node: per key at most
 * {@code ceil(slots / nodes)} (at least 1) leases at once, each expiring after the lease timeout as
 * in Redis, given back by a release. Memory is bounded: at most {@code maxKeys} keys, the least
 * recently used forgotten first (with their leases: a forgotten key reads as free slots, as a
 * lost Redis key does). Thread-safe; used only while Redis cannot decide.
 */
public final class LocalSlots {

    private final int nodes;
    private final LongSupplier nanoClock;
    /** Per key: lease id to its expiry, in nanoClock time. */
    private final LinkedHashMap<String, Map<String, Long>> leases;

    /**
     * @param nodes     nodes that share each limit while Redis is away
     * @param maxKeys   most keys kept
     * @param nanoClock monotonic time in nanoseconds, {@code System::nanoTime} outside tests
     */
    public LocalSlots(int nodes, int maxKeys, LongSupplier nanoClock) {
        this.nodes = nodes;
        this.nanoClock = nanoClock;
        this.leases = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<String, Long>> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** This node's share of {@code slots}: {@code ceil(slots / nodes)}, at least 1. */
    public int share(int slots) {
        return (int) LocalBuckets.nodeShare(slots, nodes);
    }

    /**
     * Takes a slot of {@code key} for {@code leaseId}, expiring after {@code timeoutMillis}.
     *
     * @return the free slots after it, or -1 when every slot of this node's share is held
     */
    public synchronized int take(String key, String leaseId, int slots, long timeoutMillis) {
        Map<String, Long> held = live(key);
        int share = share(slots);
        if (held.size() >= share) {
            return -1;
        }
        held.put(leaseId, nanoClock.getAsLong() + timeoutMillis * 1_000_000L);
        return share - held.size();
    }

    /** The free slots of {@code key} now, taking nothing. */
    public synchronized int free(String key, int slots) {
        Map<String, Long> held = leases.get(key);
        long now = nanoClock.getAsLong();
        long live = held == null ? 0 : held.values().stream().filter(expiry -> expiry - now > 0).count();
        return (int) Math.max(0, share(slots) - live);
    }

    /** Gives back the slot of {@code leaseId}; harmless for one that expired, was forgotten or never was. */
    public synchronized void release(String key, String leaseId) {
        Map<String, Long> held = leases.get(key);
        if (held != null) {
            held.remove(leaseId);
            if (held.isEmpty()) {
                leases.remove(key);
            }
        }
    }

    private Map<String, Long> live(String key) {
        long now = nanoClock.getAsLong();
        Map<String, Long> held = leases.computeIfAbsent(key, k -> new HashMap<>());
        held.values().removeIf(expiry -> expiry - now <= 0);
        return held;
    }
}
