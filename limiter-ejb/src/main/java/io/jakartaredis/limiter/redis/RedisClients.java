package io.jakartaredis.limiter.redis;

import io.jakartaredis.limiter.config.RedisConfig;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;

/** Builds the pooled Jedis client and its executor from a {@link RedisConfig}. */
public final class RedisClients {

    private RedisClients() {
    }

    /** A pooled executor for the configured Redis; the caller closes it. */
    public static ScriptExecutor executor(RedisConfig config) {
        RedisClient client = RedisClient.builder()
                .hostAndPort(config.host(), config.port())
                .clientConfig(clientConfig(config))
                .poolConfig(poolConfig(config))
                .build();
        return new JedisScriptExecutor(client, config.host() + ":" + config.port(), client.getPool()::clear);
    }

    static JedisClientConfig clientConfig(RedisConfig config) {
        int timeoutMillis = Math.toIntExact(config.timeout().toMillis());
        return DefaultJedisClientConfig.builder()
                // RESP2: no HELLO round trip on connect, and the same reply shapes on every Redis version.
                .protocol(RedisProtocol.RESP2)
                // No CLIENT SETINFO: one round trip less per connection, and a least-privilege ACL need not allow it.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .user(config.user())
                .password(config.password())
                .database(config.database())
                .ssl(config.tls())
                .build();
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
}
