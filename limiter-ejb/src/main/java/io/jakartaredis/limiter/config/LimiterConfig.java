package io.jakartaredis.limiter.config;

import java.util.Map;
import java.util.Optional;

/**
 * The whole, validated configuration of a limiter, read once at startup.
 *
 * @param redis     how to reach Redis
 * @param keyPrefix prefix of every bucket key, {@code rate_limit:} by default
 * @param policies  the policies by name
 */
public record LimiterConfig(RedisConfig redis, String keyPrefix, Map<String, PolicyConfig> policies) {

    public LimiterConfig {
        policies = Map.copyOf(policies);
    }

    public Optional<PolicyConfig> policy(String name) {
        return Optional.ofNullable(policies.get(name));
    }
}
