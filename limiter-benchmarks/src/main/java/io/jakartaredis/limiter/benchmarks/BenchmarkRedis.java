package io.jakartaredis.limiter.benchmarks;

import java.time.Duration;
import java.util.Map;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;

/**
 * The one Redis set-up every contender shares: same server, same pool size, same timeouts.
 * The benchmarks run in forked JVMs, which find the server through {@value #PORT_PROPERTY}.
 */
final class BenchmarkRedis {

    static final String PORT_PROPERTY = "bench.redis.port";
    /** Whether concurrent scripts share pipelined writes; on unless set to {@code false}. */
    static final String PIPELINING_PROPERTY = "limiter.redis.pipelining";
    /** At least the most threads of any run, so that no contender ever waits for a connection. */
    static final int POOL_SIZE = 32;
    /** Generous, so that a scheduling hiccup of 32 threads on two cores is measured, not failed. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** Spread over 10,000 clients: about one call per client per second never drains 100,000 tokens. */
    static final String SPREAD_POLICY = "spread";
    static final long SPREAD_CAPACITY = 100_000;
    /** The hot client takes every call: 50 million tokens last far longer than any trial. */
    static final String HOT_POLICY = "hot";
    static final long HOT_CAPACITY = 50_000_000;
    /** One day: a window long enough that an active client's key stays in Redis between its calls. */
    static final Duration WINDOW = Duration.ofDays(1);

    private BenchmarkRedis() {
    }

    static int port() {
        return Integer.parseInt(System.getProperty(PORT_PROPERTY));
    }

    static String policy(ClientKeys keys) {
        return keys == ClientKeys.HOT ? HOT_POLICY : SPREAD_POLICY;
    }

    static long capacity(ClientKeys keys) {
        return keys == ClientKeys.HOT ? HOT_CAPACITY : SPREAD_CAPACITY;
    }

    /** The limiter's configuration with both benchmark policies, pipelining on or off. */
    static LimiterConfig limiterConfig(int port, boolean pipelining) {
        return limiterConfig(port, Map.of(PIPELINING_PROPERTY, Boolean.toString(pipelining)), Map.of());
    }

    /**
     * The limiter's configuration: both benchmark policies plus {@code extraLimits} policies, the
     * default key prefix, pipelining as by default (off), and {@code closed} on failure so that a
     * failed decision fails the benchmark instead of being admitted without Redis.
     */
    static LimiterConfig limiterConfig(int port, Map<String, String> extraLimits) {
        return limiterConfig(port, Map.of(), extraLimits);
    }

    private static LimiterConfig limiterConfig(int port, Map<String, String> extraProperties, Map<String, String> extraLimits) {
        var properties = new java.util.HashMap<String, String>(Map.of(
                "limiter.redis.url", "redis://" + RedisServer.HOST + ":" + port,
                "limiter.redis.timeout", TIMEOUT.toMillis() + "ms",
                "limiter.redis.pool.max-total", Integer.toString(POOL_SIZE),
                "limiter.redis.pool.max-wait", TIMEOUT.toMillis() + "ms",
                "limiter.on-failure", "closed",
                LimiterConfigReader.limitsProperty(SPREAD_POLICY), SPREAD_CAPACITY + "/1d",
                LimiterConfigReader.limitsProperty(HOT_POLICY), HOT_CAPACITY + "/1d"));
        properties.putAll(extraProperties);
        extraLimits.forEach((policy, limits) -> properties.put(LimiterConfigReader.limitsProperty(policy), limits));
        return LimiterConfigReader.read(ConfigValues.of(properties));
    }

    /** A pooled client configured as the limiter's own {@code RedisClients} configures it: RESP2, no CLIENT SETINFO. */
    static RedisClient pooledClient(int port) {
        int timeoutMillis = Math.toIntExact(TIMEOUT.toMillis());
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        pool.setMinIdle(0);
        pool.setMaxWait(TIMEOUT);
        pool.setBlockWhenExhausted(true);
        pool.setTestWhileIdle(true);
        return RedisClient.builder()
                .hostAndPort(RedisServer.HOST, port)
                .clientConfig(DefaultJedisClientConfig.builder()
                        .protocol(RedisProtocol.RESP2)
                        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                        .connectionTimeoutMillis(timeoutMillis)
                        .socketTimeoutMillis(timeoutMillis)
                        .build())
                .poolConfig(pool)
                .build();
    }

    /** A plain connection for INFO, FLUSHALL and MEMORY USAGE; the caller closes it. */
    static Jedis admin(int port) {
        return new Jedis(new HostAndPort(RedisServer.HOST, port),
                DefaultJedisClientConfig.builder().timeoutMillis(30_000).build());
    }
}
