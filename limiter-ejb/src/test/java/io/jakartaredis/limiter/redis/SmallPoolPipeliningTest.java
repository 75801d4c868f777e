package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;

/**
 * A pool smaller than the lanes a node may open: with one or two pooled connections and 8 threads
 * deciding at once against a healthy Redis, no lane waits for a connection that another lane holds,
 * so every decision is answered.
 */
class SmallPoolPipeliningTest {

    private static RedisServer redis;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @ParameterizedTest(name = "pool.max-total={0}")
    @ValueSource(ints = {1, 2})
    void everyDecisionIsAnsweredWithAPoolOfOneOrTwo(int poolSize) throws Exception {
        try (RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.url", redis.url(),
                "limiter.redis.pipelining", "true", "limiter.redis.pool.max-total", Integer.toString(poolSize),
                "limiter.redis.pool.max-wait", "1ms", // a lane waiting for a connection that another lane holds fails
                "limiter.deny-cache.enabled", "false", "limiter.policy.api.limits", "1000000/366d",
                "limiter.key-prefix", "pool" + poolSize)) {
            List<String> refused = TopologyLimiters.refusedAtOnce(limiter, 8, 300);
            assertEquals(List.of(), refused.subList(0, Math.min(3, refused.size())), refused.size() + " refused");
        }
    }
}
