package io.jakartaredis.limiter.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code limiter.on-failure}, {@code limiter.policy.<name>.on-failure}, {@code limiter.local.*},
 * {@code limiter.circuit.*} and {@code limiter.deny-cache.*}.
 */
final class ResilienceConfigReader {

    static final String ON_FAILURE = "limiter.on-failure";
    static final String LOCAL_NODES = "limiter.local.nodes";
    static final String LOCAL_MAX_KEYS = "limiter.local.max-keys";
    static final String CIRCUIT_FAILURE_THRESHOLD = "limiter.circuit.failure-threshold";
    static final String CIRCUIT_COOL_DOWN = "limiter.circuit.cool-down";
    static final String DENY_CACHE_ENABLED = "limiter.deny-cache.enabled";
    static final String DENY_CACHE_MAX_ENTRIES = "limiter.deny-cache.max-entries";
    static final String DENY_CACHE_MAX_TIME = "limiter.deny-cache.max-time";

    /** The per-policy properties other than {@code limits}, which only a policy with limits may have. */
    private static final Pattern POLICY_SETTING = Pattern.compile("limiter\\.policy\\.(.+)\\.(on-failure|mode|shadow-headers|lease-timeout|zone)");

    private ResilienceConfigReader() {
    }

    static ResilienceConfig read(Property property, RedisConfig redis) {
        return new ResilienceConfig(
                property.parsed(ON_FAILURE, FailurePolicy::parse).orElse(ResilienceConfig.DEFAULT_ON_FAILURE),
                property.positiveInt(LOCAL_NODES, ResilienceConfig.DEFAULT_LOCAL_NODES),
                property.positiveInt(LOCAL_MAX_KEYS, ResilienceConfig.DEFAULT_LOCAL_MAX_KEYS),
                property.positiveInt(CIRCUIT_FAILURE_THRESHOLD, ResilienceConfig.DEFAULT_CIRCUIT_FAILURE_THRESHOLD),
                property.duration(CIRCUIT_COOL_DOWN, ResilienceConfig.DEFAULT_CIRCUIT_COOL_DOWN),
                connectionWait(property, redis));
    }

    static DenyCacheConfig denyCache(Property property) {
        return new DenyCacheConfig(
                property.bool(DENY_CACHE_ENABLED, DenyCacheConfig.DEFAULT_ENABLED),
                property.positiveInt(DENY_CACHE_MAX_ENTRIES, DenyCacheConfig.DEFAULT_MAX_ENTRIES),
                property.duration(DENY_CACHE_MAX_TIME, DenyCacheConfig.DEFAULT_MAX_TIME));
    }

    /**
     * {@code limiter.redis.pool.max-wait} when set; else 25 ms (at most the timeout), so that by
     * default no decision waits longer than the timeout plus 50 ms.
     */
    private static Duration connectionWait(Property property, RedisConfig redis) {
        if (property.text(RedisConfigReader.POOL_MAX_WAIT).isPresent()) {
            return redis.poolMaxWait();
        }
        return RedisConfigReader.defaultPoolMaxWait(redis.timeout());
    }

    /** The policy's own {@code on-failure}, else the default. */
    static FailurePolicy onFailure(Property property, String policy, FailurePolicy fallback) {
        return property.parsed(ConfigProperties.ofPolicy(policy, "on-failure"), FailurePolicy::parse)
                .orElse(fallback);
    }

    /**
     * @throws InvalidConfigurationException for an {@code on-failure}, {@code mode}, {@code shadow-headers}
     *                                       or {@code lease-timeout} of a policy that has neither limits nor a concurrency limit
     */
    static void checkPoliciesExist(ConfigValues values, Collection<String> policies) {
        Set<String> known = new TreeSet<>(policies);
        for (String name : values.propertyNames()) {
            Matcher m = POLICY_SETTING.matcher(name);
            if (m.matches() && !known.contains(m.group(1))) {
                throw new InvalidConfigurationException(name, values.get(name).orElse(""), "unknown policy '" + m.group(1)
                        + "'; configure " + LimiterConfigReader.limitsProperty(m.group(1)) + " (known: " + known + ")");
            }
        }
    }
}
