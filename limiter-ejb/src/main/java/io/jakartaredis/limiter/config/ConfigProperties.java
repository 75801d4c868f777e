package io.jakartaredis.limiter.config;

import java.util.Set;

/**
 * The name of every property that the limiter's core reads: the fixed names, the attributes of a
 * policy ({@code limiter.policy.<name>.<attribute>}) and of a tier
 * ({@code limiter.policy.<name>.tiers.<tier>.<attribute>}). The readers build policy and tier
 * property names only through {@link #ofPolicy} and {@link #ofTier}, which refuse an attribute
 * missing here, so these lists are what the code reads; misspelt attributes are rejected
 * against them, and the configuration reference of the manual is checked against them.
 */
public final class ConfigProperties {

    /** Where every property of a policy starts. */
    public static final String POLICY_PREFIX = "limiter.policy.";

    /** The properties of fixed names (the filter's own, {@code limiter.web.rules.*}, are limiter-web's). */
    public static final Set<String> FIXED = Set.of(
            RedisConfigReader.URL, RedisConfigReader.USER, RedisConfigReader.PASSWORD, RedisConfigReader.TIMEOUT,
            RedisConfigReader.POOL_MAX_TOTAL, RedisConfigReader.POOL_MAX_WAIT, RedisConfigReader.PIPELINING,
            RedisConfigReader.LEGACY_ADDRESS, RedisConfigReader.LEGACY_PASSWORD,
            TopologyReader.SENTINEL_MASTER, TopologyReader.SENTINEL_NODES, TopologyReader.SENTINEL_USER,
            TopologyReader.SENTINEL_PASSWORD, TopologyReader.CLUSTER_NODES,
            TopologyReader.TLS_ENABLED, TopologyReader.TLS_CA_FILE, TopologyReader.TLS_TRUSTSTORE,
            TopologyReader.TLS_TRUSTSTORE_PASSWORD,
            LimiterConfigReader.KEY_PREFIX, LimiterConfigReader.MODE,
            ResilienceConfigReader.ON_FAILURE, ResilienceConfigReader.LOCAL_NODES, ResilienceConfigReader.LOCAL_MAX_KEYS,
            ResilienceConfigReader.CIRCUIT_FAILURE_THRESHOLD, ResilienceConfigReader.CIRCUIT_COOL_DOWN,
            ResilienceConfigReader.DENY_CACHE_ENABLED, ResilienceConfigReader.DENY_CACHE_MAX_ENTRIES,
            ResilienceConfigReader.DENY_CACHE_MAX_TIME,
            ClientAddressConfigReader.TRUSTED_PROXIES, ClientAddressConfigReader.FORWARDED_HEADER,
            ClientAddressConfigReader.IPV4_PREFIX, ClientAddressConfigReader.IPV6_PREFIX);

    /**
     * Every attribute of a policy: read by LimiterConfigReader, ResilienceConfigReader,
     * ConcurrencyConfigReader, TierConfigReader and the interceptor's overrides of
     * {@code @RateLimited} ({@code key}, {@code cost}, {@code max-wait}, {@code count-on},
     * {@code refund-on}). {@code tiers} is not one: its properties are {@link #TIER_ATTRIBUTES}.
     */
    public static final Set<String> POLICY_ATTRIBUTES = Set.of("limits", "concurrency", "lease-timeout", "on-failure",
            "mode", "shadow-headers", "zone", "tier-resolver", "key", "cost", "max-wait", "count-on", "refund-on");

    /** Every attribute of a tier of a policy. */
    public static final Set<String> TIER_ATTRIBUTES = Set.of("limits", "concurrency");

    private ConfigProperties() {
    }

    /**
     * {@code limiter.policy.<policy>.<attribute>}.
     *
     * @throws IllegalArgumentException for an attribute that is not one of {@link #POLICY_ATTRIBUTES}
     */
    public static String ofPolicy(String policy, String attribute) {
        if (!POLICY_ATTRIBUTES.contains(attribute)) {
            throw new IllegalArgumentException("not a policy attribute: " + attribute);
        }
        return POLICY_PREFIX + policy + "." + attribute;
    }

    /**
     * {@code limiter.policy.<policy>.tiers.<tier>.<attribute>}.
     *
     * @throws IllegalArgumentException for an attribute that is not one of {@link #TIER_ATTRIBUTES}
     */
    public static String ofTier(String policy, String tier, String attribute) {
        if (!TIER_ATTRIBUTES.contains(attribute)) {
            throw new IllegalArgumentException("not a tier attribute: " + attribute);
        }
        return tierPrefix(policy) + tier + "." + attribute;
    }

    /** {@code limiter.policy.<policy>.tiers.}, where the properties of every tier of the policy start. */
    static String tierPrefix(String policy) {
        return POLICY_PREFIX + policy + ".tiers.";
    }
}
