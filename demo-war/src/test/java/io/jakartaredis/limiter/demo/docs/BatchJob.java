package io.jakartaredis.limiter.demo.docs;

import java.util.Map;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.core.RedisRateLimiter;

/** The limiter outside a container: plain Java, configured from a map. */
public final class BatchJob {

    private BatchJob() {
    }

    public static void main(String[] args) {
        LimiterConfig config = LimiterConfigReader.read(ConfigValues.of(Map.of(
                "limiter.redis.url", "redis://localhost:6379",
                "limiter.policy.api.limits", "100/1m")));
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
            limiter.tryAcquire("api", "client-42");
        }
    }
}
