package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.resilience.CircuitBreaker;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** The limiter against a real Redis on the Redis clock. */
class RedisRateLimiterTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisRateLimiter limiter;

    @BeforeEach
    void connect() {
        limiter = TestLimiters.limiter(REDIS.server(),
                "limiter.policy.api.limits", "5/1h",
                "limiter.policy.burst.limits", "3/1h, 100/1d",
                "limiter.policy.daily-first.limits", "100/1d, 3/1h");
    }

    @AfterEach
    void close() {
        limiter.close();
    }

    @Test
    void freshBucketAdmitsExactlyCapacityThenRejectsWithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            Decision decision = limiter.tryAcquire("api", "10.0.0.1");
            assertTrue(decision.allowed());
            assertEquals(4 - i, decision.remaining());
            assertEquals(5, decision.limit());
            assertEquals(Duration.ofHours(1), decision.window());
        }
        Decision rejected = limiter.tryAcquire("api", "10.0.0.1");
        assertFalse(rejected.allowed());
        assertEquals("api", rejected.policy());
        long oneTokenMillis = Duration.ofHours(1).toMillis() / 5;
        assertTrue(rejected.retryAfterMillis() > oneTokenMillis - 1000 && rejected.retryAfterMillis() <= oneTokenMillis,
                "about one token's refill time, was " + rejected.retryAfterMillis());
        assertEquals(720, rejected.retryAfterSeconds(), 1);
        assertTrue(limiter.tryAcquire("api", "10.0.0.2").allowed(), "another client has its own bucket");
    }

    @Test
    void keysFollowThePrefixPolicyClientScheme() {
        limiter.tryAcquire("api", "10.0.0.1");
        try (Jedis jedis = REDIS.server().admin()) {
            assertEquals(Set.of("rate_limit:api:10.0.0.1"), jedis.keys("*"));
        }
    }

    @Test
    void tighterOfTwoLimitsIsReported() {
        Decision decision = limiter.tryAcquire("burst", "u");
        assertEquals(3, decision.limit());
        assertEquals(2, decision.remaining());
    }

    @Test
    void everyDecisionNamesItsTightestLimitByIndexAlsoWhenTheDenyCacheAnswers() {
        // The hourly limit is the tightest: first in "burst", second in "daily-first".
        for (String policy : new String[] {"burst", "daily-first"}) {
            int hourly = policy.equals("burst") ? 0 : 1;
            for (int i = 0; i < 3; i++) {
                assertEquals(hourly, limiter.tryAcquire(policy, "index").limitIndex(), policy + " allowed");
            }
            long localDenials = limiter.localDenials();
            Decision byRedis = limiter.tryAcquire(policy, "index");
            Decision byDenyCache = limiter.tryAcquire(policy, "index");
            assertEquals(localDenials + 1, limiter.localDenials(), "the second rejection came from the deny cache");
            assertFalse(byRedis.allowed());
            assertFalse(byDenyCache.allowed());
            assertEquals(hourly, byRedis.limitIndex(), policy + " rejected by Redis");
            assertEquals(hourly, byDenyCache.limitIndex(), policy + " rejected by the deny cache");
        }
    }

    @Test
    void recoversFromScriptFlushWithoutAFailedDecision() {
        assertTrue(limiter.tryAcquire("api", "c").allowed());
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.scriptFlush();
        }
        assertEquals(3, limiter.tryAcquire("api", "c").remaining());
    }

    @Test
    void recoversFromARedisRestartWithoutAFailedDecision() throws Exception {
        warmSeveralPooledConnections();
        REDIS.server().restart();
        // The pooled connection died with the old process; the pool replaces it and the script is reloaded.
        int failures = 0;
        for (int i = 0; i < 5; i++) {
            try {
                assertTrue(limiter.tryAcquire("api", "fresh-" + i).allowed());
            } catch (RuntimeException e) {
                failures++;
            }
        }
        assertEquals(0, failures);
    }

    private void warmSeveralPooledConnections() throws Exception {
        var threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var calls = java.util.stream.IntStream.range(0, 64)
                    .mapToObj(i -> (java.util.concurrent.Callable<Decision>) () -> limiter.tryAcquire("api", "warm-" + i))
                    .toList();
            for (var result : threads.invokeAll(calls)) {
                assertTrue(result.get().allowed());
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void hostileKeysAreHashedAndStillLimited() {
        String[] hostile = {"x".repeat(10_000), "evil\r\nFLUSHALL\r\n", "nul\0byte", "emoji-\uD83D\uDE00", "{slot}", "#abc"};
        for (String key : hostile) {
            for (int i = 0; i < 5; i++) {
                assertTrue(limiter.tryAcquire("api", key).allowed());
            }
            assertFalse(limiter.tryAcquire("api", key).allowed(), "limited: " + key.substring(0, Math.min(20, key.length())));
        }
        try (Jedis jedis = REDIS.server().admin()) {
            Set<String> keys = jedis.keys("*");
            assertEquals(hostile.length, keys.size());
            for (String key : keys) {
                assertTrue(key.matches("rate_limit:api:#[A-Za-z0-9_-]{43}"), key);
            }
        }
    }

    @Test
    void rejectsUnknownPolicyAndImpossibleCostWithClearErrors() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire("nope", "c"));
        assertEquals("unknown policy 'nope'; configure limiter.policy.nope.limits (known: [api, burst, daily-first])",
                unknown.getMessage());
        var tooCostly = assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire("burst", "c", 4));
        assertEquals("cost 4 exceeds the smallest capacity of policy 'burst' (burst=3/1h, 100/1d): such a call could never pass",
                tooCostly.getMessage());
        assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire("api", "c", 0));
    }

    @Test
    void aKeyOfAnotherTypeIsARejectionNotARedisFailure() {
        // Another application's hash under the same prefix and policy name; every call reaches Redis.
        Map<String, String> foreign = Map.of("owner", "another application", "count", "7");
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.hset("rate_limit:burst:shared", foreign);
        }
        try (RedisRateLimiter uncached = TestLimiters.limiter(REDIS.server(),
                "limiter.policy.burst.limits", "3/1h, 100/1d", "limiter.deny-cache.enabled", "false")) {
            for (int i = 0; i < 10; i++) {
                Decision decision = uncached.tryAcquire("burst", "shared");
                assertFalse(decision.allowed(), "call " + i);
                assertEquals(Duration.ofDays(1).toMillis(), decision.retryAfterMillis(), "the longest configured window");
                assertEquals(100, decision.limit());
                assertEquals(1, decision.limitIndex());
            }
            assertEquals(CircuitBreaker.State.CLOSED, uncached.circuitState(), "10 rejections, no failure");
            assertTrue(uncached.tryAcquire("burst", "another").allowed());
        }
        try (Jedis jedis = REDIS.server().admin()) {
            assertEquals(foreign, jedis.hgetAll("rate_limit:burst:shared"), "nothing overwritten");
            assertEquals(-1, jedis.pttl("rate_limit:burst:shared"));
        }
    }
}
