package io.jakartaredis.limiter.cdi;

import io.jakartaredis.limiter.KeyResolver;
import io.jakartaredis.limiter.RateLimited;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.keys.KeyStrategy;

/**
 * The settings of one {@link RateLimited} method, resolved once: the annotation's defaults
 * overridden by {@code limiter.policy.<name>.key} and {@code .cost}.
 *
 * @param policy   the policy name
 * @param strategy how the key is chosen, or {@code null} when {@code resolver} chooses it
 * @param resolver the custom key resolver, or {@code null}
 * @param cost     tokens per call
 */
record LimitedMethod(String policy, KeyStrategy strategy, Class<? extends KeyResolver> resolver, int cost) {

    /**
     * @param origin where the annotation sits, e.g. {@code com.example.Api#search}, for messages
     * @throws InvalidConfigurationException naming the property or annotation and the bad value
     */
    static LimitedMethod resolve(RateLimited annotation, ConfigValues values, String origin) {
        String policy = annotation.policy();
        LimiterConfigReader.checkPolicyName("@RateLimited(policy) on " + origin, policy);
        String keyProperty = "limiter.policy." + policy + ".key";
        String costProperty = "limiter.policy." + policy + ".cost";

        var configuredKey = values.get(keyProperty);
        boolean customResolver = configuredKey.isEmpty() && annotation.keyResolver() != KeyResolver.class;
        KeyStrategy strategy = customResolver ? null
                : parseKey(configuredKey.isPresent() ? keyProperty : "@RateLimited(key) on " + origin,
                configuredKey.orElse(annotation.key()));
        int cost = values.get(costProperty).map(text -> parseCost(costProperty, text)).orElse(annotation.cost());
        if (cost < 1) {
            throw new InvalidConfigurationException("@RateLimited(cost) on " + origin, Integer.toString(cost),
                    "the cost is at least 1");
        }
        return new LimitedMethod(policy, strategy, customResolver ? annotation.keyResolver() : null, cost);
    }

    /**
     * @throws InvalidConfigurationException when the policy has no limits, neither configured nor
     *                                       annotated, or the cost exceeds what it can ever grant
     */
    void checkAgainst(LimiterConfig limiter, String origin) {
        PolicyConfig config = limiter.policy(policy).orElseThrow(() -> new InvalidConfigurationException(
                "@RateLimited(policy) on " + origin, policy,
                "no limits: set limiter.policy." + policy + ".limits or @RateLimited(limits)"));
        if (cost > config.smallestCapacity()) {
            throw new InvalidConfigurationException("cost of @RateLimited on " + origin, Integer.toString(cost),
                    "it exceeds the smallest capacity of policy " + config + ", so no call could ever pass");
        }
    }

    private static KeyStrategy parseKey(String where, String text) {
        try {
            return KeyStrategy.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(where, text, e.getMessage());
        }
    }

    private static int parseCost(String property, String text) {
        try {
            int cost = Integer.parseInt(text.strip());
            if (cost >= 1) {
                return cost;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the rule
        }
        throw new InvalidConfigurationException(property, text, "expected a whole number of at least 1");
    }
}
