package io.jakartaredis.limiter.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated configuration of a limiter, read once at startup.
 *
 * @param redis      how to reach Redis
 * @param keyPrefix  prefix of every bucket key, {@code rate_limit:} by default
 * @param policies   the policies by name
 * @param resilience what happens when Redis fails
 */
public record LimiterConfig(RedisConfig redis, String keyPrefix, Map<String, PolicyConfig> policies,
                            ResilienceConfig resilience) {

    public LimiterConfig {
        policies = Map.copyOf(policies);
        Objects.requireNonNull(resilience, "resilience");
    }

    /** A configuration with the default resilience settings. */
    public LimiterConfig(RedisConfig redis, String keyPrefix, Map<String, PolicyConfig> policies) {
        this(redis, keyPrefix, policies, ResilienceConfig.defaults(ResilienceConfig.DEFAULT_CONNECTION_WAIT));
    }

    public Optional<PolicyConfig> policy(String name) {
        return Optional.ofNullable(policies.get(name));
    }
}
