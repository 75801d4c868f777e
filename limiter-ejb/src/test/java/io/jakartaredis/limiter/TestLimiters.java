package io.jakartaredis.limiter;

import java.util.HashMap;
import java.util.Map;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;

/** Builds limiters against a test Redis from a few properties. */
public final class TestLimiters {

    private TestLimiters() {
    }

    /** Configuration pointing at the server, plus the given properties (name, value, name, value, …), which win. */
    public static LimiterConfig config(RedisServer redis, String... properties) {
        Map<String, String> values = new HashMap<>();
        values.put("limiter.redis.url", redis.url());
        // Generous on a busy CI machine: tests of exactness must not see decisions of the failure policy.
        values.put("limiter.redis.timeout", "2s");
        values.put("limiter.redis.pool.max-wait", "2s");
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return LimiterConfigReader.read(ConfigValues.of(values));
    }

    /** A connected limiter with its own pool (one "node"); the caller closes it. */
    public static RedisRateLimiter limiter(RedisServer redis, String... properties) {
        return RedisRateLimiter.connect(config(redis, properties));
    }
}
