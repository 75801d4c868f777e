package io.jakartaredis.limiter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tiers of a policy, {@code limiter.policy.<name>.tiers.<tier>.limits} (the syntax of
 * {@code .limits}) and {@code .tiers.<tier>.concurrency} (slots, 1 to 100,000, with the policy's
 * lease timeout). A tier without {@code .concurrency} has the policy's concurrency limit; one
 * without {@code .limits} has none of the policy's limits, so it needs a concurrency limit of its own.
 */
public final class TierConfigReader {

    /** Slots of a concurrency limit at most. */
    static final int MAX_SLOTS = 100_000;
    static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> ATTRIBUTES = ConfigProperties.TIER_ATTRIBUTES;
    private static final Pattern TIER_PROPERTY = Pattern.compile("limiter\\.policy\\.([^.]+)\\.tiers\\..*");
    private static final Pattern RESOLVER_PROPERTY = Pattern.compile("limiter\\.policy\\.([^.]+)\\.tier-resolver");
    private static final Pattern TIER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private TierConfigReader() {
    }

    /** The property that names the {@code TierResolver} bean of a policy. */
    public static String resolverProperty(String policy) {
        return ConfigProperties.ofPolicy(policy, "tier-resolver");
    }

    /** Whether the property belongs to a tier, {@code limiter.policy.<name>.tiers.…}, rather than to a policy. */
    static boolean isTierProperty(String property) {
        return TIER_PROPERTY.matcher(property).matches();
    }

    /** Every call sends the identities of its policy's other tiers' limits: a bound on what that costs. */
    static final int MAX_TIERS = 16;

    /**
     * Gives every policy the tiers that its properties configure.
     *
     * @throws InvalidConfigurationException for a tier property or {@code .tier-resolver} of an unknown policy
     */
    static void readTiers(Property property, ConfigValues values, Map<String, PolicyConfig> policies) {
        policies.replaceAll((name, policy) -> withTiers(property, values, policy));
        for (String name : values.propertyNames()) {
            Matcher m = TIER_PROPERTY.matcher(name);
            Matcher resolver = RESOLVER_PROPERTY.matcher(name);
            String policy = m.matches() ? m.group(1) : resolver.matches() ? resolver.group(1) : null;
            if (policy != null && !policies.containsKey(policy)) {
                throw new InvalidConfigurationException(name, values.get(name).orElse(""), "unknown policy '" + policy
                        + "'; configure " + LimiterConfigReader.limitsProperty(policy) + " (known: " + policies.keySet() + ")");
            }
        }
    }

    /** The policy with the tiers that its properties configure; itself when it has none. */
    static PolicyConfig withTiers(Property property, ConfigValues values, PolicyConfig policy) {
        Map<String, PolicyTier> tiers = new TreeMap<>();
        String prefix = ConfigProperties.tierPrefix(policy.name());
        Pattern attribute = Pattern.compile(Pattern.quote(prefix) + "(.*)\\.([^.]*)");
        for (String name : values.propertyNames()) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            Matcher m = attribute.matcher(name);
            String value = values.get(name).orElse("");
            if (!m.matches() || !ATTRIBUTES.contains(m.group(2))) {
                throw new InvalidConfigurationException(name, value, "unknown property; a tier is configured by "
                        + prefix + "<tier>.limits and " + prefix + "<tier>.concurrency");
            }
            if (!TIER_NAME.matcher(m.group(1)).matches()) {
                throw new InvalidConfigurationException(name, value,
                        "the tier name '" + m.group(1) + "' must have 1 to 64 letters, digits, '-' or '_'");
            }
            tiers.computeIfAbsent(m.group(1), tier -> readTier(property, policy, tier));
        }
        if (tiers.isEmpty()) {
            return policy;
        }
        if (tiers.size() > MAX_TIERS) {
            throw new InvalidConfigurationException(prefix + "*", tiers.keySet().toString(), "a policy has at most "
                    + MAX_TIERS + " tiers, had " + tiers.size() + ": every call sends its other tiers' limits to the script");
        }
        return new PolicyConfig(policy.name(), policy.limits(), policy.onFailure(), policy.mode(), policy.shadowHeaders(),
                policy.concurrency(), tiers);
    }

    private static PolicyTier readTier(Property property, PolicyConfig policy, String name) {
        String limitsProperty = ConfigProperties.ofTier(policy.name(), name, "limits");
        String concurrencyProperty = ConfigProperties.ofTier(policy.name(), name, "concurrency");
        List<Limit> limits = property.text(limitsProperty)
                .map(text -> LimiterConfigReader.parseLimits(limitsProperty, text, LimiterConfigReader.zone(property, policy.name())))
                .orElse(List.of());
        Concurrency concurrency = property.parsed(concurrencyProperty, slots -> concurrency(slots, policy, property))
                .orElse(policy.concurrency());
        if (limits.isEmpty() && concurrency == null) {
            throw new InvalidConfigurationException(limitsProperty, "",
                    "tier '" + name + "' of policy '" + policy.name() + "' needs limits, e.g. 100/1s, 1000000/30d, "
                            + "or a concurrency limit (" + concurrencyProperty + ")");
        }
        return new PolicyTier(name, new ArrayList<>(limits), concurrency);
    }

    private static Concurrency concurrency(String text, PolicyConfig policy, Property property) {
        int slots;
        try {
            slots = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            slots = 0;
        }
        if (slots < 1 || slots > MAX_SLOTS) {
            throw new IllegalArgumentException("expected a whole number of slots from 1 to " + MAX_SLOTS);
        }
        Duration leaseTimeout = policy.hasConcurrency() ? policy.concurrency().leaseTimeout()
                : property.duration(ConfigProperties.ofPolicy(policy.name(), "lease-timeout"), DEFAULT_LEASE_TIMEOUT);
        return new Concurrency(slots, leaseTimeout);
    }
}
