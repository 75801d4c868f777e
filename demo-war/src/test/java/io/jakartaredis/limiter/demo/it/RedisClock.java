package io.jakartaredis.limiter.demo.it;

import java.util.List;

import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * Reads buckets as {@code token_bucket.lua} stores them, on the Redis clock, which decides
 * refills: the key expires when the last limit is full again; the value holds one entry per limit,
 * {@code "C/W g d s"}: its capacity and window in ms, the units (1/capacity ms) by which it is full
 * before its whole ms, the ms by which it is full before the expiry, and when it was last configured.
 */
final class RedisClock {

    private RedisClock() {
    }

    /** Whole tokens that the limit of {@code capacity} per {@code windowMillis} of the bucket at {@code key} holds now. */
    static long wholeTokens(Jedis jedis, String key, long capacity, long windowMillis) {
        double debtUnits = Math.max(0, (fullAtUnits(jedis, key, capacity, windowMillis) - now(jedis) * capacity));
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
            double target = (fullAtUnits(jedis, key, capacity, windowMillis) - (capacity - tokens - 0.5) * windowMillis) / capacity;
            while (true) {
                long now = now(jedis);
                if (now >= target) {
                    return;
                }
                Thread.sleep(Math.max(1, Math.min(50, (long) (target - now))));
            }
        }
    }

    /** When the limit of {@code capacity} per {@code windowMillis} is full again, in units of 1/capacity ms since the epoch. */
    private static long fullAtUnits(Jedis jedis, String key, long capacity, long windowMillis) {
        String[] fields = jedis.get(key).split(" ");
        String identity = capacity + "/" + windowMillis;
        for (int i = 0; i + 3 < fields.length; i += 4) {
            if (fields[i].equals(identity)) {
                long early = Long.parseLong(fields[i + 1]);
                long beforeExpiry = Long.parseLong(fields[i + 2]);
                return (jedis.pexpireTime(key) - beforeExpiry) * capacity - early;
            }
        }
        throw new AssertionError("no limit " + identity + " in " + key + ": " + String.join(" ", fields));
    }

    private static long now(Jedis jedis) {
        List<String> time = jedis.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }
}
