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
 * @param denyCache  how this node remembers Redis's rejections
 */
public record LimiterConfig(RedisConfig redis, String keyPrefix, Map<String, PolicyConfig> policies,
                            ResilienceConfig resilience, DenyCacheConfig denyCache) {

    public LimiterConfig {
        policies = Map.copyOf(policies);
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(denyCache, "denyCache");
    }

    /** A configuration with the default deny cache. */
    public LimiterConfig(RedisConfig redis, String keyPrefix, Map<String, PolicyConfig> policies,
                         ResilienceConfig resilience) {
        this(redis, keyPrefix, policies, resilience, DenyCacheConfig.defaults());
    }

    /** A configuration with the default resilience settings. */
    public LimiterConfig(RedisConfig redis, String keyPrefix, Map<String, PolicyConfig> policies) {
        this(redis, keyPrefix, policies, ResilienceConfig.defaults(ResilienceConfig.DEFAULT_CONNECTION_WAIT));
    }

    public Optional<PolicyConfig> policy(String name) {
        return Optional.ofNullable(policies.get(name));
    }
}
