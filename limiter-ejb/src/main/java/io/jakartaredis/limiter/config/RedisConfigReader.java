package io.jakartaredis.limiter.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@code limiter.redis.*} (topology and TLS: {@link TopologyReader}), falling back to the Go
 * middleware's {@code REDIS_CONN_ADDRESS} and {@code REDIS_PASSWORD}.
 */
final class RedisConfigReader {

    static final String URL = "limiter.redis.url";
    static final String USER = "limiter.redis.user";
    static final String PASSWORD = "limiter.redis.password";
    static final String TIMEOUT = "limiter.redis.timeout";
    static final String POOL_MAX_TOTAL = "limiter.redis.pool.max-total";
    static final String POOL_MAX_WAIT = "limiter.redis.pool.max-wait";
    static final String PIPELINING = "limiter.redis.pipelining";
    static final String LEGACY_ADDRESS = "REDIS_CONN_ADDRESS";
    static final String LEGACY_PASSWORD = "REDIS_PASSWORD";

    static final String DEFAULT_URL = "redis://localhost:6379";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(300);
    static final int DEFAULT_POOL_MAX_TOTAL = 10;
    /**
     * Off: on a 2-core machine shared with Redis it wins 1.5 times at 32 concurrent callers but
     * loses at 8 (see the manual's Performance page), and a default must lose nowhere.
     */
    static final boolean DEFAULT_PIPELINING = false;

    private RedisConfigReader() {
    }

    static RedisConfig read(Property property) {
        RedisTopology topology = TopologyReader.topology(property, URL);
        Optional<String> url = property.text(URL);
        String source = url.isPresent() ? URL : LEGACY_ADDRESS;
        String text = topology instanceof RedisTopology.Standalone
                ? url.or(() -> property.text(LEGACY_ADDRESS).map(RedisConfigReader::asUrl)).orElse(DEFAULT_URL)
                : firstNodeUrl(topology);
        RedisUrl parsed = RedisUrl.parse(source, text);

        String user = property.text(USER).orElse(parsed.user());
        String password = property.text(PASSWORD)
                .or(() -> Optional.ofNullable(parsed.password()))
                .or(() -> url.isPresent() ? Optional.empty() : property.text(LEGACY_PASSWORD))
                .orElse(null);
        boolean tls = TopologyReader.tls(property, parsed.tls());

        Duration timeout = property.duration(TIMEOUT, DEFAULT_TIMEOUT);
        int poolMaxTotal = property.positiveInt(POOL_MAX_TOTAL, DEFAULT_POOL_MAX_TOTAL);
        // The connection gate's wait by default: a borrow then never waits longer than the gate did.
        Duration poolMaxWait = property.duration(POOL_MAX_WAIT, defaultPoolMaxWait(timeout));
        return new RedisConfig(parsed.host(), parsed.port(), parsed.database(), user, password, tls, timeout,
                poolMaxTotal, poolMaxWait, topology, TopologyReader.tlsTrust(property, tls),
                property.bool(PIPELINING, DEFAULT_PIPELINING));
    }

    /** 25 ms, at most the timeout: what {@code ResilienceConfigReader} gives the connection gate by default. */
    static Duration defaultPoolMaxWait(Duration timeout) {
        Duration wait = ResilienceConfig.DEFAULT_CONNECTION_WAIT;
        return timeout.compareTo(wait) < 0 ? timeout : wait;
    }

    /** Sentinel and Cluster have no URL: host and port are the first node's, for messages. */
    private static String firstNodeUrl(RedisTopology topology) {
        RedisNode first = topology instanceof RedisTopology.Cluster cluster
                ? cluster.seeds().get(0) : ((RedisTopology.Sentinel) topology).sentinels().get(0);
        return "redis://" + first;
    }

    /** The Go middleware gave {@code host:port}. */
    private static String asUrl(String address) {
        return address.contains("://") ? address : "redis://" + address;
    }
}
