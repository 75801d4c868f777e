package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisCluster;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A master lost for good, its slot taken over by another (as a promoted replica does): a decision
 * never resends on a connection failure, so it is the client's periodic slot-map refresh that
 * finds the new owner, within about a second.
 */
class ClusterMasterLostTest {

    private static final String KEY = "rate_limit:api:client";

    @Test
    void decidesAgainOnTheNewOwnerOfALostMastersSlot() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3, "--cluster-require-full-coverage", "no");
             RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.cluster.nodes", cluster.nodes(),
                     "limiter.redis.timeout", "200ms", "limiter.policy.api.limits", "100/1h")) {
            assertEquals(99, limiter.tryAcquire("api", "client").remaining());
            RedisServer lost = cluster.masterOf(KEY);
            RedisServer heir = cluster.masters().stream().filter(m -> m != lost).findFirst().orElseThrow();
            lost.kill();
            int slot = JedisClusterCRC16.getSlot(KEY);
            try (Jedis jedis = heir.admin()) {
                String heirId = jedis.clusterMyId();
                for (RedisServer master : cluster.masters()) {
                    if (master != lost) {
                        try (Jedis node = master.admin()) {
                            node.clusterSetSlotNode(slot, heirId);
                        }
                    }
                }
            }
            long start = System.nanoTime();
            Decision decision = null;
            while (decision == null && System.nanoTime() - start < 10_000_000_000L) {
                try {
                    decision = limiter.tryAcquire("api", "client");
                } catch (RateLimiterUnavailableException e) {
                    Thread.sleep(20);
                }
            }
            long afterMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("decision on the new owner of the lost master's slot %d ms after it took the slot%n", afterMillis);
            assertTrue(decision != null && decision.allowed(), "no decision on the new owner within 10 s");
            assertTrue(afterMillis < 3_000, "back on Redis after " + afterMillis + " ms");
            try (Jedis jedis = heir.admin()) {
                assertTrue(jedis.exists(KEY), "the bucket now lives on the new owner");
            }
        }
    }
}
