package io.jakartaredis.limiter.cdi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.jakartaredis.limiter.KeyResolver;
import io.jakartaredis.limiter.RateLimited;
import io.jakartaredis.limiter.config.ConfigProperties;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.config.MaxWait;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.keys.KeyStrategy;

/**
 * The settings of one {@link RateLimited} method, resolved once: the annotation's defaults
 * overridden by {@code limiter.policy.<name>.key}, {@code .cost}, {@code .count-on},
 * {@code .refund-on} and {@code .max-wait}.
 *
 * @param policy   the policy name
 * @param strategy how the key is chosen, or {@code null} when {@code resolver} chooses it
 * @param resolver the custom key resolver, or {@code null}
 * @param cost     tokens per call
 * @param outcomes which outcomes of a call count; the others are refunded
 * @param maxWait  how long a call may wait for its tokens; zero: it is rejected at once
 */
record LimitedMethod(String policy, KeyStrategy strategy, Class<? extends KeyResolver> resolver, int cost,
                     CountedOutcomes outcomes, Duration maxWait) {

    /** Settings that count every call and never wait. */
    LimitedMethod(String policy, KeyStrategy strategy, Class<? extends KeyResolver> resolver, int cost) {
        this(policy, strategy, resolver, cost, CountedOutcomes.EVERY, Duration.ZERO);
    }

    /**
     * @param origin where the annotation sits, e.g. {@code com.example.Api#search}, for messages
     * @param loader the application's class loader, which loads the exception types of {@code .count-on} and {@code .refund-on}
     * @throws InvalidConfigurationException naming the property or annotation and the bad value
     */
    static LimitedMethod resolve(RateLimited annotation, ConfigValues values, String origin, ClassLoader loader) {
        String policy = annotation.policy();
        LimiterConfigReader.checkPolicyName("@RateLimited(policy) on " + origin, policy);
        String keyProperty = ConfigProperties.ofPolicy(policy, "key");
        String costProperty = ConfigProperties.ofPolicy(policy, "cost");

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
        return new LimitedMethod(policy, strategy, customResolver ? annotation.keyResolver() : null, cost,
                outcomesOf(annotation, values, loader), maxWaitOf(annotation, values, origin));
    }

    private static CountedOutcomes outcomesOf(RateLimited annotation, ConfigValues values, ClassLoader loader) {
        String policy = annotation.policy();
        List<Class<? extends Throwable>> countOn = values.parsed(ConfigProperties.ofPolicy(policy, "count-on"), text -> ThrowableTypes.parse(text, loader))
                .orElse(List.of(annotation.countOn()));
        List<Class<? extends Throwable>> refundOn = values.parsed(ConfigProperties.ofPolicy(policy, "refund-on"), text -> ThrowableTypes.parse(text, loader))
                .orElse(List.of(annotation.refundOn()));
        return new CountedOutcomes(countOn, refundOn);
    }

    private static String maxWaitProperty(String policy) {
        return ConfigProperties.ofPolicy(policy, "max-wait");
    }

    private static Duration maxWaitOf(RateLimited annotation, ConfigValues values, String origin) {
        String property = maxWaitProperty(annotation.policy());
        Optional<Duration> configured = values.parsed(property, MaxWait::parse);
        if (configured.isPresent()) {
            return configured.get();
        }
        String annotated = annotation.maxWait().strip();
        try {
            return annotated.isEmpty() ? Duration.ZERO : MaxWait.parse(annotated);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("@RateLimited(maxWait) on " + origin, annotated, e.getMessage());
        }
    }

    /**
     * @throws InvalidConfigurationException when the policy has no limits, neither configured nor
     *                                       annotated, the cost exceeds what it, or one of its
     *                                       tiers, can ever grant, or the wait is too long for one
     *                                       of their limits, naming {@code .max-wait} when the wait
     *                                       came from it
     */
    void checkAgainst(LimiterConfig limiter, ConfigValues values, String origin) {
        PolicyConfig config = limiter.policy(policy).orElseThrow(() -> new InvalidConfigurationException(
                "@RateLimited(policy) on " + origin, policy,
                "no limits: set limiter.policy." + policy + ".limits or @RateLimited(limits)"));
        checkAgainst(config, "", values, origin);
        for (String tier : new TreeSet<>(config.tiers().keySet())) {
            checkAgainst(config.forTier(tier), " in tier '" + tier + "'", values, origin);
        }
    }

    private void checkAgainst(PolicyConfig config, String inTier, ConfigValues values, String origin) {
        if (cost > config.smallestCapacity()) {
            throw new InvalidConfigurationException("cost of @RateLimited on " + origin, Integer.toString(cost),
                    "it exceeds the smallest capacity of policy " + config + inTier + ", so no call could ever pass");
        }
        try {
            MaxWait.checkedMillis(maxWait, config);
        } catch (IllegalArgumentException e) {
            String property = maxWaitProperty(policy);
            boolean configured = values.get(property).isPresent();
            throw new InvalidConfigurationException(configured ? property : "@RateLimited(maxWait) on " + origin,
                    configured ? values.get(property).get() : maxWait.toMillis() + "ms", e.getMessage() + inTier);
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
