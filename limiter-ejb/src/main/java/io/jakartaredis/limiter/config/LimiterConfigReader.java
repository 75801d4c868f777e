package io.jakartaredis.limiter.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates the whole configuration once, at startup. Every error names the property
 * and its value; see {@link InvalidConfigurationException}.
 */
public final class LimiterConfigReader {

    public static final String KEY_PREFIX = "limiter.key-prefix";
    public static final String DEFAULT_KEY_PREFIX = "rate_limit:";
    public static final String MODE = "limiter.mode";
    static final String POLICY_PREFIX = ConfigProperties.POLICY_PREFIX;

    /** The properties that define a policy: its limits, or its concurrency limit. */
    private static final Pattern POLICY_LIMITS = Pattern.compile("limiter\\.policy\\.(.+)\\.(limits|concurrency)");
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** {@code limiter.policy.<name>.<attribute>}: policy names hold no dot. */
    private static final Pattern POLICY_ATTRIBUTE = Pattern.compile("limiter\\.policy\\.([^.]+)\\.(.+)");
    /** Every attribute of a policy that a reader consumes (and {@code tiers.*}). */
    static final Set<String> POLICY_ATTRIBUTES = ConfigProperties.POLICY_ATTRIBUTES;
    private static final Pattern KEY_PREFIX_FORM = Pattern.compile("[\\x21-\\x7e]{0,64}");

    private LimiterConfigReader() {
    }

    /** Reads every policy that has a {@code limiter.policy.<name>.limits} or {@code .concurrency} property. */
    public static LimiterConfig read(ConfigValues values) {
        return read(values, Map.of());
    }

    /**
     * Reads every policy that has a {@code limiter.policy.<name>.limits} property or declared
     * defaults; the property wins over the defaults.
     */
    public static LimiterConfig read(ConfigValues configured, Map<String, PolicyDefaults> declared) {
        return read(configured, declared, Set.of());
    }

    /**
     * As {@link #read(ConfigValues, Map)}, where the application also names the policies
     * {@code named} (in {@code @RateLimited} without defaults): the environment variables of such
     * a policy configure it under its own name ({@code LIMITER_POLICY_PER_CUSTOMER_LIMITS} for
     * {@code per_customer}).
     */
    public static LimiterConfig read(ConfigValues configured, Map<String, PolicyDefaults> declared, Set<String> named) {
        Set<String> known = new TreeSet<>(named);
        known.addAll(declared.keySet());
        ConfigValues values = EnvironmentNames.ofPolicies(configured, known);
        Property property = new Property(values);
        String keyPrefix = property.text(KEY_PREFIX).orElse(DEFAULT_KEY_PREFIX);
        if (!KEY_PREFIX_FORM.matcher(keyPrefix).matches()) {
            throw new InvalidConfigurationException(KEY_PREFIX, keyPrefix,
                    "expected at most 64 printable ASCII characters without spaces");
        }
        Set<String> names = new TreeSet<>(declared.keySet());
        for (String name : values.propertyNames()) {
            Matcher m = POLICY_LIMITS.matcher(name);
            if (m.matches() && !TierConfigReader.isTierProperty(name)) {
                names.add(m.group(1));
            }
        }
        RedisConfig redis = RedisConfigReader.read(property);
        ResilienceConfig resilience = ResilienceConfigReader.read(property, redis);
        PolicyMode defaultMode = property.parsed(MODE, PolicyMode::parse).orElse(PolicyMode.ENFORCE);
        Map<String, PolicyConfig> policies = new TreeMap<>();
        for (String name : names) {
            PolicyConfig policy = readPolicy(property, name, declared.get(name));
            policies.put(name, new PolicyConfig(name, policy.limits(),
                    ResilienceConfigReader.onFailure(property, name, resilience.onFailure()),
                    property.parsed(ConfigProperties.ofPolicy(name, "mode"), PolicyMode::parse).orElse(defaultMode),
                    property.bool(ConfigProperties.ofPolicy(name, "shadow-headers"), false), policy.concurrency(), policy.tiers()));
        }
        checkPolicyAttributes(values, names);
        TierConfigReader.readTiers(property, values, policies);
        ResilienceConfigReader.checkPoliciesExist(values, names);
        ConcurrencyConfigReader.checkLeaseTimeoutsUsed(property, declared, policies.values());
        ConcurrencyConfigReader.checkKeyPrefix(keyPrefix, policies.values());
        return new LimiterConfig(redis, keyPrefix, policies, resilience, ResilienceConfigReader.denyCache(property));
    }

    /** A misspelt attribute of a known policy ({@code .tier-reslover}) fails rather than be ignored. */
    private static void checkPolicyAttributes(ConfigValues values, Set<String> policies) {
        for (String name : values.propertyNames()) {
            Matcher m = POLICY_ATTRIBUTE.matcher(name);
            if (m.matches() && policies.contains(m.group(1)) && !TierConfigReader.isTierProperty(name)
                    && !POLICY_ATTRIBUTES.contains(m.group(2))) {
                throw new InvalidConfigurationException(name, values.get(name).orElse(""), "unknown attribute '"
                        + m.group(2) + "' of policy '" + m.group(1) + "'; a policy is configured by "
                        + POLICY_PREFIX + m.group(1) + ".<attribute> with one of " + new TreeSet<>(POLICY_ATTRIBUTES)
                        + " and " + POLICY_PREFIX + m.group(1) + ".tiers.<tier>.limits or .concurrency");
            }
        }
    }

    /** The property that holds a policy's limits. */
    public static String limitsProperty(String policy) {
        return ConfigProperties.ofPolicy(policy, "limits");
    }

    /** The property that holds the zone of a policy's calendar limits. */
    public static String zoneProperty(String policy) {
        return ConfigProperties.ofPolicy(policy, "zone");
    }

    /** The policy's limits (calendar limits in its zone) and concurrency limit; its other settings are read by the caller. */
    private static PolicyConfig readPolicy(Property property, String name, PolicyDefaults defaults) {
        String limitsProperty = limitsProperty(name);
        checkPolicyName(limitsProperty, name);
        Concurrency concurrency = ConcurrencyConfigReader.read(property, name, defaults);
        ZoneId zone = zone(property, name);
        var configured = property.text(limitsProperty);
        List<Limit> limits;
        if (configured.isEmpty() && concurrency != null && (defaults == null || defaults.limits().isBlank())) {
            limits = List.of(); // a concurrency limit alone
        } else if (configured.isPresent() || defaults == null || defaults.limits().isBlank()) {
            limits = parseLimits(limitsProperty, configured.orElse(""), zone);
        } else {
            limits = parseLimits(defaults.origin(), defaults.limits(), zone);
        }
        return new PolicyConfig(name, limits, ResilienceConfig.DEFAULT_ON_FAILURE, PolicyMode.ENFORCE, false,
                concurrency, Map.of());
    }

    /** {@code limiter.policy.<name>.zone}: a {@link ZoneId} such as {@code Europe/Berlin}; UTC when not set. */
    static ZoneId zone(Property property, String policy) {
        return property.parsed(zoneProperty(policy), text -> {
            try {
                return ZoneId.of(text.strip());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("expected a time zone ID such as UTC, Europe/Berlin or +02:00 ("
                        + e.getMessage() + ")", e);
            }
        }).orElse(Limit.UTC);
    }

    /** @throws InvalidConfigurationException naming {@code where} unless the name is 1 to 64 letters, digits, '-' or '_' */
    public static void checkPolicyName(String where, String name) {
        if (!POLICY_NAME.matcher(name).matches()) {
            throw new InvalidConfigurationException(where, name, "a policy name has 1 to 64 letters, digits, '-' or '_'");
        }
    }

    /** Parses {@code 10/1s, 1000/1h}, calendar limits in UTC; each error names the property and the whole value. */
    public static List<Limit> parseLimits(String property, String text) {
        return parseLimits(property, text, Limit.UTC);
    }

    /**
     * Parses {@code 10/1s, 5000000/month}, calendar limits in {@code zone}; each error names the property and the whole value.
     * Two calendar limits of one unit are refused: they share one identity in the bucket (the
     * unit and zone, without the capacity), so the script would keep one count and check it
     * against whichever capacity came last, silently dropping the stricter one.
     */
    public static List<Limit> parseLimits(String property, String text, ZoneId zone) {
        List<Limit> limits = new ArrayList<>();
        Map<CalendarUnit, Limit> calendarLimits = new EnumMap<>(CalendarUnit.class);
        for (String part : text.split(",", -1)) {
            Limit limit;
            try {
                limit = Limit.parse(part).inZone(zone);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(property, text,
                        "\"" + part.strip() + "\": " + e.getMessage() + "; expected a comma list such as 10/1s, 1000/1h, 5000000/month");
            }
            Limit sameUnit = limit.isCalendar() ? calendarLimits.putIfAbsent(limit.calendar(), limit) : null;
            if (sameUnit != null) {
                String word = limit.calendar().word();
                throw new InvalidConfigurationException(property, text, "two " + word + " limits (" + sameUnit.tokens() + "/"
                        + word + " and " + limit.tokens() + "/" + word + "); at most one calendar limit per unit");
            }
            limits.add(limit);
        }
        return limits;
    }
}
