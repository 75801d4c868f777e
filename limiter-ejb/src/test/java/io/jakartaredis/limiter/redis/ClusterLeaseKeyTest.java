package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisCluster;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * On a real three-master Redis Cluster, a policy with a concurrency limit runs the two-key script
 * on every shard: each lease key is in its bucket key's slot, with the default prefix (the lease
 * key's hash tag is the whole bucket key) and with a prefix that has a hash tag of its own.
 */
class ClusterLeaseKeyTest {

    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void emptyCluster() {
        cluster.flushAll();
    }

    private static RedisRateLimiter limiter(String keyPrefix) {
        return TopologyLimiters.limiter("limiter.redis.cluster.nodes", cluster.nodes(), "limiter.key-prefix", keyPrefix,
                "limiter.policy.conc.concurrency", "2", "limiter.policy.conc.limits", "5/1h");
    }

    @Test
    void leaseKeysShareTheirBucketsSlotOnEveryShardWithTheDefaultPrefix() {
        assertLeasesBesideBuckets("rate_limit:", client -> "{rate_limit:conc:" + client + "}:leases", true);
    }

    @Test
    void leaseKeysKeepAPrefixsOwnHashTag() {
        assertLeasesBesideBuckets("{app}:", client -> "{app}:conc:" + client + ":{leases}", false);
    }

    private void assertLeasesBesideBuckets(String keyPrefix, java.util.function.Function<String, String> leaseKey,
                                           boolean spread) {
        Set<RedisServer> shards = new HashSet<>();
        try (RedisRateLimiter limiter = limiter(keyPrefix)) {
            for (int i = 0; i < 30; i++) {
                String client = "client-" + i;
                String bucketKey = keyPrefix + "conc:" + client;
                Decision first = limiter.tryAcquire("conc", client);
                Decision second = limiter.tryAcquire("conc", client);
                assertTrue(first.holdsSlot() && second.holdsSlot(), "no CROSSSLOT: " + first);
                Decision full = limiter.tryAcquire("conc", client);
                assertFalse(full.allowed());
                assertEquals(1, full.limitIndex(), "the concurrency limit rejected, on the Cluster too");
                assertEquals(JedisClusterCRC16.getSlot(bucketKey), JedisClusterCRC16.getSlot(leaseKey.apply(client)));
                RedisServer owner = cluster.masterOf(bucketKey);
                shards.add(owner);
                try (Jedis jedis = owner.admin()) {
                    assertTrue(jedis.exists(bucketKey), bucketKey);
                    assertEquals(2, jedis.zcard(leaseKey.apply(client)), "the leases beside the bucket on " + owner);
                }
                limiter.release(first);
                limiter.release(second);
                try (Jedis jedis = owner.admin()) {
                    assertFalse(jedis.exists(leaseKey.apply(client)), "released: gone");
                }
            }
        }
        assertEquals(spread ? 3 : 1, shards.size(), spread ? "every shard" : "one tag, one shard");
        List<String> strays = new ArrayList<>();
        for (RedisServer master : cluster.masters()) {
            try (Jedis jedis = master.admin()) {
                jedis.keys("*leases*").forEach(strays::add);
            }
        }
        assertEquals(List.of(), strays);
    }
}
