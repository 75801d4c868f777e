package io.jakartaredis.limiter.web;

import java.util.HashMap;
import java.util.Map;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.core.RedisRateLimiter;

/** A filter over a real limiter, both read from one set of properties as the server reads them. */
record RealFilter(RedisRateLimiter limiter, RateLimitFilter filter) {

    /**
     * @param properties the test's properties
     * @param overrides  further properties as name, value pairs, replacing those of the same name
     */
    static RealFilter start(Map<String, String> properties, String... overrides) {
        Map<String, String> values = new HashMap<>(properties);
        for (int i = 0; i < overrides.length; i += 2) {
            values.put(overrides[i], overrides[i + 1]);
        }
        ConfigValues config = ConfigValues.of(values);
        RedisRateLimiter limiter = RedisRateLimiter.connect(LimiterConfigReader.read(config));
        return new RealFilter(limiter, new RateLimitFilter(WebConfigReader.read(config, limiter::policy), limiter));
    }
}
