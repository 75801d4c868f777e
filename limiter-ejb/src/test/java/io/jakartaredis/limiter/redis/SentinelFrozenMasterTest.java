package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisSentinelTopology;
import io.jakartaredis.limiter.testkit.RedisServer;

/** Through the Sentinel-backed pool, a decision on a frozen master takes its cost at most once and one timeout at most. */
class SentinelFrozenMasterTest {

    private static final int CAPACITY = 100;
    private static final long TIMEOUT_MILLIS = 200;

    @RepeatedTest(2)
    void aDecisionOnAFrozenMasterTakesItsCostAtMostOnceAndEndsWithinTimeoutPlus50Ms() throws Exception {
        // Sentinels slower than the freeze: this is about a slow master, not a failover.
        try (RedisSentinelTopology topology = RedisSentinelTopology.start(Duration.ofSeconds(10), Duration.ofSeconds(20));
             RedisRateLimiter limiter = TopologyLimiters.limiter(
                     "limiter.redis.sentinel.master", RedisSentinelTopology.MASTER_NAME,
                     "limiter.redis.sentinel.nodes", topology.sentinelNodes(),
                     "limiter.redis.timeout", TIMEOUT_MILLIS + "ms", "limiter.redis.pool.max-wait", "25ms",
                     "limiter.policy.api.limits", CAPACITY + "/1h")) {
            assertEquals(CAPACITY - 1, limiter.tryAcquire("api", "client").remaining());
            RedisServer master = topology.master();
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
            System.out.printf("decision on frozen Sentinel master: %d ms; remaining after it and one more: %d of %d%n",
                    tookMillis, remaining, CAPACITY);
            assertTrue(remaining >= CAPACITY - 3, "the frozen decision took its cost at most once: " + remaining + " left");
            assertTrue(tookMillis <= TIMEOUT_MILLIS + 50, "decision took " + tookMillis + " ms, timeout " + TIMEOUT_MILLIS);
        }
    }
}
