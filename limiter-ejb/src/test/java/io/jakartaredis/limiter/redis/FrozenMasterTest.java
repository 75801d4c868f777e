package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.RepeatedTest;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisSentinelTopology;
import io.jakartaredis.limiter.testkit.RedisServer;

/**
 * A decision on a frozen master (standalone, or found through Sentinel) takes its cost at most once
 * and one timeout at most. The Cluster's case is in {@link RedisClusterTest}.
 */
class FrozenMasterTest {

    private static final int CAPACITY = 100;
    private static final long TIMEOUT_MILLIS = 200;

    @RepeatedTest(2)
    void aDecisionOnAFrozenStandaloneRedisTakesItsCostAtMostOnceAndEndsWithinTimeoutPlus50Ms() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisRateLimiter limiter = limiter("limiter.redis.url", redis.url())) {
            assertAFrozenDecisionTakesItsCostAtMostOnceAndEndsInTime(limiter, redis, "standalone");
        }
    }

    @RepeatedTest(2)
    void aDecisionOnAFrozenSentinelMasterTakesItsCostAtMostOnceAndEndsWithinTimeoutPlus50Ms() throws Exception {
        // Sentinels slower than the freeze: this is about a slow master, not a failover.
        try (RedisSentinelTopology topology = RedisSentinelTopology.start(Duration.ofSeconds(10), Duration.ofSeconds(20));
             RedisRateLimiter limiter = limiter("limiter.redis.sentinel.master", RedisSentinelTopology.MASTER_NAME,
                     "limiter.redis.sentinel.nodes", topology.sentinelNodes())) {
            assertAFrozenDecisionTakesItsCostAtMostOnceAndEndsInTime(limiter, topology.master(), "Sentinel");
        }
    }

    /** A limiter for the Redis that {@code where} names (property, value, …), with a short timeout. */
    private static RedisRateLimiter limiter(String... where) {
        List<String> properties = new ArrayList<>(List.of("limiter.redis.timeout", TIMEOUT_MILLIS + "ms",
                "limiter.redis.pool.max-wait", "25ms", "limiter.policy.api.limits", CAPACITY + "/1h"));
        properties.addAll(List.of(where));
        return TopologyLimiters.limiter(properties.toArray(String[]::new));
    }

    private static void assertAFrozenDecisionTakesItsCostAtMostOnceAndEndsInTime(RedisRateLimiter limiter,
            RedisServer master, String topology) throws Exception {
        // Answered just now: the frozen decision writes its script without a PING first (IdleConnections).
        assertEquals(CAPACITY - 1, limiter.tryAcquire("api", "client").remaining());
        master.freeze();
        long tookMillis;
        try {
            long start = System.nanoTime();
            assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("api", "client"));
            tookMillis = (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(3 * TIMEOUT_MILLIS);
        } finally {
            master.resume();
        }
        long remaining = limiter.tryAcquire("api", "client").remaining();
        System.out.printf("decision on frozen %s master: %d ms; remaining after it and one more: %d of %d%n",
                topology, tookMillis, remaining, CAPACITY);
        // The frozen server runs the script it had received once resumed: exactly once, never resent.
        assertEquals(CAPACITY - 3, remaining, "the frozen decision's script was sent, and ran once");
        assertTrue(tookMillis <= TIMEOUT_MILLIS + 50, "decision took " + tookMillis + " ms, timeout " + TIMEOUT_MILLIS);
    }
}
