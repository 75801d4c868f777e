package io.jakartaredis.limiter.redis;

import java.util.HashMap;
import java.util.Map;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.core.RedisRateLimiter;

/** Limiters for topology and security tests: no default URL, failures thrown rather than decided locally. */
final class TopologyLimiters {

    private TopologyLimiters() {
    }

    /** The configuration of the given properties (name, value, …) over generous timeouts and {@code on-failure=closed}. */
    static LimiterConfig config(String... properties) {
        Map<String, String> values = new HashMap<>();
        values.put("limiter.redis.timeout", "2s");
        values.put("limiter.redis.pool.max-wait", "2s");
        values.put("limiter.on-failure", "closed");
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return LimiterConfigReader.read(ConfigValues.of(values));
    }

    /** A connected limiter with its own pool; the caller closes it. */
    static RedisRateLimiter limiter(String... properties) {
        return RedisRateLimiter.connect(config(properties));
    }
}
