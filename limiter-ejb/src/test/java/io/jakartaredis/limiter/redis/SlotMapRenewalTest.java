package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.testkit.RedisCluster;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/** A client closed while a slot map renewal waits for frozen seeds keeps no pool after close. */
class SlotMapRenewalTest {

    private static final int TIMEOUT_MILLIS = 200;

    @Test
    void closingDuringARenewalLeavesNoPools() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3)) {
            Set<HostAndPort> seeds = new LinkedHashSet<>();
            cluster.masters().forEach(master -> seeds.add(new HostAndPort(master.host(), master.port())));
            ClusterConnectionProvider provider = new ClusterConnectionProvider(seeds, DefaultJedisClientConfig.builder()
                    .socketTimeoutMillis(TIMEOUT_MILLIS).connectionTimeoutMillis(TIMEOUT_MILLIS).build(),
                    new ConnectionPoolConfig());
            SlotMapRenewal renewal = new SlotMapRenewal(provider, Duration.ofMillis(TIMEOUT_MILLIS).multipliedBy(seeds.size()));
            cluster.masters().forEach(RedisServer::freeze);
            try {
                renewal.request();
                Thread.sleep(TIMEOUT_MILLIS / 2); // CLUSTER SLOTS in flight to a frozen seed
                renewal.close();
                provider.close();
            } finally {
                cluster.masters().forEach(RedisServer::resume);
            }
            Thread.sleep(3L * TIMEOUT_MILLIS * seeds.size()); // longer than any renewal
            Map<String, ?> pools = provider.getConnectionMap();
            assertEquals(Map.of(), pools, "pools made after close");
        }
    }
}
