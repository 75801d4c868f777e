package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisCluster;
import io.jakartaredis.limiter.testkit.RedisServer;
import io.jakartaredis.limiter.testkit.Waiting;
import redis.clients.jedis.Jedis;

/**
 * A Sentinel or Cluster client must reach Redis to be built. Neither being reachable when the
 * application starts must fail its deployment: the limiter starts, its failure policy decides, and
 * once Redis answers, Redis decides.
 */
class UnreachableAtStartupTest {

    @Test
    void clusterDownAtStartupStartsTheLimiterAndIsUsedOnceItIsUp() {
        try (RedisCluster cluster = RedisCluster.start(3)) {
            String nodes = cluster.nodes();
            cluster.masters().forEach(RedisServer::kill);
            try (RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.cluster.nodes", nodes,
                    "limiter.redis.timeout", "300ms", "limiter.policy.api.limits", "2/1h")) {
                var refused = assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("api", "client"));
                assertTrue(refused.getMessage().contains("cannot connect to cluster"), refused.getMessage());

                cluster.masters().forEach(RedisServer::restart);
                awaitClusterOk(cluster);
                Waiting.until("a decision by the cluster", Duration.ofSeconds(20), () -> decides(limiter), () -> "");
                assertTrue(limiter.tryAcquire("api", "client").allowed(), "the second of 2");
                assertFalse(limiter.tryAcquire("api", "client").allowed(), "the cluster's bucket of 2 is used");
            }
        }
    }

    @Test
    void sentinelsDownAtStartupStartTheLimiterAndRefuseByTheFailurePolicy() {
        String nowhere = RedisServer.HOST + ":" + RedisServer.freePort();
        try (RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.sentinel.master", "mymaster",
                "limiter.redis.sentinel.nodes", nowhere, "limiter.redis.timeout", "300ms", "limiter.policy.api.limits", "2/1h")) {
            var refused = assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("api", "client"));
            assertTrue(refused.getMessage().contains("cannot connect to sentinel master 'mymaster'"), refused.getMessage());
        }
    }

    private static boolean decides(RedisRateLimiter limiter) {
        try {
            return limiter.tryAcquire("api", "client").allowed();
        } catch (RateLimiterUnavailableException notYet) {
            return false;
        }
    }

    private static void awaitClusterOk(RedisCluster cluster) {
        for (RedisServer master : cluster.masters()) {
            Waiting.until(master + " reports cluster_state:ok", Duration.ofSeconds(20), () -> {
                try (Jedis node = master.admin()) {
                    return node.clusterInfo().contains("cluster_state:ok");
                }
            }, master::log);
        }
    }
}
