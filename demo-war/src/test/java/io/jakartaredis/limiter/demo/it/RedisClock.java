package io.jakartaredis.limiter.demo.it;

import java.util.List;

import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * Waits on the Redis clock, which decides refills, rather than on this JVM's: reads a bucket's
 * state and sleeps until it holds a given number of whole tokens, half a token short of one more.
 */
final class RedisClock {

    private RedisClock() {
    }

    /**
     * Waits until the one-limit bucket at {@code key} (capacity tokens per windowMillis) holds
     * {@code tokens} whole tokens plus half a token, so that a quick series of calls finds exactly
     * {@code tokens}.
     */
    static void awaitTokens(RedisServer redis, String key, int tokens, long capacity, long windowMillis)
            throws InterruptedException {
        try (Jedis jedis = redis.admin()) {
            String[] state = jedis.get(key).split(" ");
            long last = Long.parseLong(state[0]);
            long storedTokens = Long.parseLong(state[1]);
            long frac = Long.parseLong(state[2]);
            // tokens(now) = storedTokens + (frac + (now - last) * capacity) / window, in whole tokens.
            double target = last + ((tokens - storedTokens + 0.5) * windowMillis - frac) / capacity;
            while (true) {
                List<String> time = jedis.time();
                long now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
                if (now >= target) {
                    return;
                }
                Thread.sleep(Math.max(1, Math.min(50, (long) (target - now))));
            }
        }
    }
}
