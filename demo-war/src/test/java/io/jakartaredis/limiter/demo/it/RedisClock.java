package io.jakartaredis.limiter.demo.it;

import java.util.List;

import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * Reads buckets as {@code token_bucket.lua} stores them, on the Redis clock, which decides
 * refills: the key expires when the last limit is full again; the value holds per limit the
 * units (1/capacity ms) by which it is full before its whole ms and, with several limits, the ms
 * by which it is full before the expiry.
 */
final class RedisClock {

    private RedisClock() {
    }

    /** Whole tokens that limit {@code index} (0-based, of {@code limitCount}) of the bucket at {@code key} holds now. */
    static long wholeTokens(Jedis jedis, String key, int index, int limitCount, long capacity, long windowMillis) {
        double debtUnits = Math.max(0, (fullAtUnits(jedis, key, index, limitCount, capacity) - now(jedis) * capacity));
        return capacity - (long) Math.ceil(debtUnits / windowMillis);
    }

    /**
     * Waits until the one-limit bucket at {@code key} (capacity tokens per windowMillis) holds
     * {@code tokens} whole tokens plus half a token, so that a quick series of calls finds exactly
     * {@code tokens}.
     */
    static void awaitTokens(RedisServer redis, String key, int tokens, long capacity, long windowMillis)
            throws InterruptedException {
        try (Jedis jedis = redis.admin()) {
            // Full at F (in units): holding t tokens means F - now * capacity = (capacity - t) * window.
            double target = (fullAtUnits(jedis, key, 0, 1, capacity) - (capacity - tokens - 0.5) * windowMillis) / capacity;
            while (true) {
                long now = now(jedis);
                if (now >= target) {
                    return;
                }
                Thread.sleep(Math.max(1, Math.min(50, (long) (target - now))));
            }
        }
    }

    /** When limit {@code index} is full again, in units of 1/capacity ms since the epoch. */
    private static long fullAtUnits(Jedis jedis, String key, int index, int limitCount, long capacity) {
        String[] fields = jedis.get(key).split(" ");
        long early = Long.parseLong(fields[limitCount == 1 ? 0 : 2 * index]);
        long beforeExpiry = limitCount == 1 ? 0 : Long.parseLong(fields[2 * index + 1]);
        return (jedis.pexpireTime(key) - beforeExpiry) * capacity - early;
    }

    private static long now(Jedis jedis) {
        List<String> time = jedis.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }
}
