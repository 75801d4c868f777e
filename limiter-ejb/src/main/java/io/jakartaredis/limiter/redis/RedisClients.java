package io.jakartaredis.limiter.redis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.jakartaredis.limiter.config.RedisConfig;
import io.jakartaredis.limiter.config.RedisNode;
import io.jakartaredis.limiter.config.RedisTopology;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.StaticCommandFlagsRegistry;
import redis.clients.jedis.executors.ClusterCommandExecutor;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;
import redis.clients.jedis.providers.SentineledConnectionProvider;

/**
 * Builds the pooled Jedis client of the configured topology, and its executor, from a {@link RedisConfig}.
 * In every topology keyed commands go through a {@link SendOnceExecutor}: never sent twice.
 */
public final class RedisClients {

    /**
     * Attempts of Jedis' cluster executor, which only runs keyless commands here (SCRIPT LOAD on every
     * master, the health check's keyless script): resending them is harmless.
     */
    private static final int CLUSTER_KEYLESS_MAX_ATTEMPTS = 3;

    private RedisClients() {
    }

    /** A pooled executor for the configured Redis; the caller closes it. */
    public static ScriptExecutor executor(RedisConfig config) {
        JedisClientConfig clientConfig = clientConfig(config, config.user(), config.password(), config.database());
        ScriptSources scripts = new ScriptSources();
        if (config.topology() instanceof RedisTopology.Sentinel sentinel) {
            return new ConnectOnFirstUse(config.endpoint(), () -> sentinelExecutor(config, sentinel, clientConfig, scripts),
                    SecretScrubber.of(config));
        }
        if (config.topology() instanceof RedisTopology.Cluster cluster) {
            return new ConnectOnFirstUse(config.endpoint(), () -> clusterExecutor(config, cluster, clientConfig, scripts),
                    SecretScrubber.of(config));
        }
        HostAndPort address = new HostAndPort(config.host(), config.port());
        PooledConnectionProvider provider = new PooledConnectionProvider(address, clientConfig, poolConfig(config));
        SendOnceExecutor executor = SendOnceExecutor.over(provider, config.timeout(), scripts, config.poolMaxTotal(),
                config.pipelining());
        RedisClient client = RedisClient.builder()
                .hostAndPort(address)
                .clientConfig(clientConfig)
                .connectionProvider(provider)
                .commandExecutor(executor)
                .build();
        return new JedisScriptExecutor(client, config.endpoint(), scripts, SecretScrubber.of(config), executor.batchSizes());
    }

    /** Asks the sentinels for the master while it is built: throws when none answers. */
    private static ScriptExecutor sentinelExecutor(RedisConfig config, RedisTopology.Sentinel sentinel,
                                                   JedisClientConfig clientConfig, ScriptSources scripts) {
        Set<HostAndPort> sentinels = hostsAndPorts(sentinel.sentinels());
        JedisClientConfig sentinelConfig = clientConfig(config, sentinel.user(), sentinel.password(), 0);
        SentineledConnectionProvider provider = new SentineledConnectionProvider(sentinel.master(), clientConfig,
                poolConfig(config), sentinels, sentinelConfig);
        SendOnceExecutor executor = SendOnceExecutor.over(provider, config.timeout(), scripts, config.poolMaxTotal(),
                config.pipelining());
        RedisSentinelClient client = RedisSentinelClient.builder()
                .masterName(sentinel.master())
                .sentinels(sentinels)
                .clientConfig(clientConfig)
                .sentinelClientConfig(sentinelConfig)
                .connectionProvider(provider)
                .commandExecutor(executor)
                .build();
        return new JedisScriptExecutor(client, config.endpoint(), scripts, SecretScrubber.of(config), executor.batchSizes());
    }

    /** Reads the slot map from a seed while it is built: throws when none answers. */
    private static ScriptExecutor clusterExecutor(RedisConfig config, RedisTopology.Cluster cluster,
                                                  JedisClientConfig clientConfig, ScriptSources scripts) {
        Set<HostAndPort> seeds = hostsAndPorts(cluster.seeds());
        ClusterConnectionProvider provider = new ClusterConnectionProvider(seeds, clientConfig, poolConfig(config));
        ClusterCommandExecutor keyless = new ClusterCommandExecutor(provider, CLUSTER_KEYLESS_MAX_ATTEMPTS,
                config.timeout().multipliedBy(CLUSTER_KEYLESS_MAX_ATTEMPTS), StaticCommandFlagsRegistry.registry());
        SendOnceExecutor executor = SendOnceExecutor.overCluster(provider, keyless, config.timeout(), seeds.size(), scripts,
                config.poolMaxTotal(), config.pipelining());
        RedisClusterClient client = RedisClusterClient.builder()
                .nodes(seeds)
                .clientConfig(clientConfig)
                .connectionProvider(provider)
                .commandExecutor(executor)
                .build();
        return new JedisScriptExecutor(client, config.endpoint(), scripts, SecretScrubber.of(config), executor.batchSizes());
    }

    static JedisClientConfig clientConfig(RedisConfig config, String user, String password, int database) {
        int timeoutMillis = Math.toIntExact(config.timeout().toMillis());
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                // No protocol and no negotiation: Jedis then sends no HELLO (it does even for an explicit
                // RESP2), so connecting costs no round trip unless AUTH is needed (a new connection goes
                // straight to the script), and replies keep the RESP2 shapes.
                .autoNegotiateProtocol(false)
                // No CLIENT SETINFO: one round trip less per connection, and a least-privilege ACL need not allow it.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .user(user)
                .password(password)
                .database(database)
                .ssl(config.tls());
        if (config.tls()) {
            builder.sslSocketFactory(TlsSockets.factory(config.tlsTrust()))
                    .sslParameters(TlsSockets.verifyingHostName());
        }
        return builder.build();
    }

    static ConnectionPoolConfig poolConfig(RedisConfig config) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(config.poolMaxTotal());
        pool.setMaxIdle(config.poolMaxTotal());
        pool.setMinIdle(0);
        // Jedis waits forever for a connection by default; a limiter must answer in bounded time.
        pool.setMaxWait(config.poolMaxWait());
        pool.setBlockWhenExhausted(true);
        pool.setTestWhileIdle(true);
        return pool;
    }

    private static Set<HostAndPort> hostsAndPorts(List<RedisNode> nodes) {
        Set<HostAndPort> set = new LinkedHashSet<>();
        nodes.forEach(node -> set.add(new HostAndPort(node.host(), node.port())));
        return set;
    }
}
