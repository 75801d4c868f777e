package io.jakartaredis.limiter.core;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.DenyCacheConfig;

/**
 * Remembers Redis's rejections per bucket key so that this node can reject again without asking,
 * but only where Redis would certainly reject too.
 *
 * <p>A rejection of cost {@code c} with retry-after {@code r}, asked at local time {@code sent}
 * (taken before the {@code EVALSHA} was sent, so before Redis decided), says: no call of cost
 * {@code >= c} can pass before Redis's clock has advanced {@code r} ms. Tokens only come back by
 * refill at the configured rate, and other nodes only take them, except by a refund: this node
 * forgets its entry when it refunds ({@link #forget}); another node's refund is not seen here. The entry therefore answers
 * calls of cost {@code >= c} until {@code sent + r - 1 ms - r/1000} (the millisecond that Redis
 * truncates its clock to, and 1,000 ppm of clock-rate difference between this node and Redis),
 * capped at {@link DenyCacheConfig#maxTime()}. Smaller costs, and everything after, ask Redis.
 *
 * <p>Thread-safe. Lookups are one lock-free map read; remembering and eviction (expired entries at
 * the head of the insertion order first, then the oldest) hold a lock, O(1) amortized.
 */
final class DenyCache {

    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** Clock-rate difference allowed for, in parts per million: twice NTP's largest slew. */
    static final long CLOCK_RATE_PPM = 1_000;

    /** One rejection by Redis; {@code decision} as Redis answered it. */
    private record Denial(String key, Decision decision, int cost, long sentNanos, long expiresNanos) {
    }

    private final boolean enabled;
    private final int maxEntries;
    private final long maxNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Denial> denials = new ConcurrentHashMap<>();
    /** Insertion order, for eviction; may hold replaced or removed entries until they reach the head. */
    private final ArrayDeque<Denial> order = new ArrayDeque<>();
    private final LongAdder localDenials = new LongAdder();

    DenyCache(DenyCacheConfig config, LongSupplier nanoClock) {
        this.enabled = config.enabled();
        this.maxEntries = config.maxEntries();
        this.maxNanos = config.maxTime().toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * The local rejection of a call of {@code cost} to {@code key} under {@code tier}, or
     * {@code null} to ask Redis. Its retry-after and reset count down from Redis's answer by the
     * time elapsed since it was asked. A rejection learnt under another tier of the policy (the
     * bucket is the same) does not answer: Redis would still reject, since the limit that rejected
     * stays stored and charged, but it would describe the caller's tier, not the other one.
     */
    Decision rejectLocally(String key, String tier, int cost) {
        if (!enabled) {
            return null;
        }
        Denial denial = denials.get(key);
        if (denial == null || cost < denial.cost() || !tier.equals(denial.decision().tier())) {
            return null;
        }
        long now = nanoClock.getAsLong();
        if (now - denial.expiresNanos() >= 0) {
            denials.remove(key, denial);
            return null;
        }
        localDenials.increment();
        return countedDown(denial.decision(), -Math.floorDiv(-(now - denial.sentNanos()), NANOS_PER_MILLI));
    }

    /**
     * Learns from Redis's answer to a call of {@code cost} asked at {@code sentNanos}: remembers a
     * rejection, and forgets an older rejection when Redis admitted.
     */
    void learn(String key, int cost, long sentNanos, Decision answer) {
        if (!enabled) {
            return;
        }
        if (answer.allowed()) {
            Denial denial = denials.get(key);
            // An admission asked before the rejection was asked tells nothing new about it.
            if (denial != null && sentNanos - denial.sentNanos() >= 0) {
                denials.remove(key, denial);
            }
            return;
        }
        long lifetimeMillis = answer.retryAfterMillis() - 1 - ceilDiv(answer.retryAfterMillis() * CLOCK_RATE_PPM, 1_000_000);
        if (lifetimeMillis <= 0) {
            return;
        }
        long lifetimeNanos = lifetimeMillis >= maxNanos / NANOS_PER_MILLI ? maxNanos : lifetimeMillis * NANOS_PER_MILLI;
        remember(new Denial(key, answer, cost, sentNanos, sentNanos + lifetimeNanos));
    }

    /**
     * Forgets the rejection remembered for {@code key}: a refund gave tokens back, which may make it
     * untrue. (Other nodes keep theirs until its retry-after, at most {@link DenyCacheConfig#maxTime()}.)
     */
    void forget(String key) {
        if (enabled) {
            denials.remove(key);
        }
    }

    /** Rejections answered here since the start, without asking Redis. */
    long localDenials() {
        return localDenials.sum();
    }

    /** Remembered rejections, expired ones not yet evicted included. */
    int size() {
        return denials.size();
    }

    private synchronized void remember(Denial denial) {
        Denial current = denials.get(denial.key());
        if (current != null && current.sentNanos() - denial.sentNanos() > 0) {
            return; // a later answer is already known
        }
        denials.put(denial.key(), denial);
        order.addLast(denial);
        evictExpiredAtHead(nanoClock.getAsLong());
        while (denials.size() > maxEntries) {
            Denial oldest = order.pollFirst();
            denials.remove(oldest.key(), oldest);
        }
        if (order.size() > 2 * maxEntries) {
            // Replaced and forgotten entries: dropped at most once per maxEntries insertions, so O(1) amortized.
            order.removeIf(d -> denials.get(d.key()) != d);
        }
    }

    private void evictExpiredAtHead(long now) {
        for (Denial head = order.peekFirst(); head != null; head = order.peekFirst()) {
            boolean stale = denials.get(head.key()) != head;
            if (!stale && now - head.expiresNanos() < 0) {
                return;
            }
            order.pollFirst();
            denials.remove(head.key(), head);
        }
    }

    private static Decision countedDown(Decision rejected, long elapsedMillis) {
        long retryAfter = Math.max(1, rejected.retryAfterMillis() - elapsedMillis);
        long resetAfter = Math.max(retryAfter, rejected.resetAfterMillis() - elapsedMillis);
        return new Decision(rejected.policy(), false, rejected.limit(), rejected.window(), rejected.remaining(),
                retryAfter, resetAfter, rejected.limitIndex(), false, false, rejected.tier(), null);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
