package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisCluster;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/** A connection found closed on one shard discards the idle connections of that shard only. */
class ClusterIdleConnectionsTest {

    @Test
    void aConnectionClosedOnOneShardKeepsTheOtherShardsConnections() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3)) {
            Map<RedisServer, String> clientOf = new LinkedHashMap<>();
            for (int i = 0; clientOf.size() < 3; i++) {
                clientOf.putIfAbsent(cluster.masterOf("rate_limit:exact:c" + i), "c" + i);
            }
            RedisServer[] masters = clientOf.keySet().toArray(RedisServer[]::new);
            try (RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.cluster.nodes", cluster.nodes(),
                    "limiter.policy.exact.limits", "100/1h")) {
                clientOf.values().forEach(client -> limiter.tryAcquire("exact", client));
                long second = clients(masters[1]);
                long third = clients(masters[2]);
                try (Jedis admin = masters[0].admin()) {
                    admin.clientKill(ClientKillParams.clientKillParams().type(ClientType.NORMAL)
                            .skipMe(ClientKillParams.SkipMe.YES));
                }
                Thread.sleep(IdleConnections.CHECK_AFTER.toMillis() + 100); // idle: checked before the script
                assertEquals(98, limiter.tryAcquire("exact", clientOf.get(masters[0])).remaining());
                assertEquals(second, clients(masters[1]), "the second shard's connections are kept");
                assertEquals(third, clients(masters[2]), "the third shard's connections are kept");
            }
        }
    }

    /** The server's client connections other than the one asking. */
    private static long clients(RedisServer server) {
        try (Jedis admin = server.admin()) {
            return admin.clientList().lines().filter(line -> !line.contains("cmd=client")).count();
        }
    }
}
