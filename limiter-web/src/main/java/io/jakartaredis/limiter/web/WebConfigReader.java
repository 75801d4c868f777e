package io.jakartaredis.limiter.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jakartaredis.limiter.config.ClientAddressConfigReader;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.EnvironmentNames;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.keys.KeyStrategy;
import io.jakartaredis.limiter.keys.ClientAddressConfig;

/**
 * Reads and validates {@code limiter.web.*} once, at startup. Every error is an
 * {@link InvalidConfigurationException} naming the property, its value and what would be valid.
 */
final class WebConfigReader {

    static final String RULES_PREFIX = WebConfigProperties.RULES_PREFIX;
    static final String LEGACY_HEADERS = WebConfigProperties.LEGACY_HEADERS;

    private static final Pattern RULE_PROPERTY = Pattern.compile("limiter\\.web\\.rules\\.(.+)\\.([^.]+)");
    private static final Set<String> RULE_ATTRIBUTES = WebConfigProperties.RULE_ATTRIBUTES;
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** RFC 9110 method token. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");
    private static final Pattern METHOD = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}");

    private WebConfigReader() {
    }

    /**
     * Reads the whole web configuration.
     *
     * @param policies the policy of a name, as the rate limiter knows it; throws
     *                 {@link IllegalArgumentException} for an unknown name
     */
    static WebConfig read(ConfigValues values, Function<String, PolicyConfig> policies) {
        List<WebRule> rules = new ArrayList<>();
        for (String name : ruleNames(values)) {
            rules.add(readRule(values, name, policies));
        }
        return new WebConfig(rules, clientAddresses(values), legacyHeaders(values));
    }

    /**
     * The names of the configured rules, sorted: every {@code <rule>} of a property
     * {@code limiter.web.rules.<rule>.<attribute>}. A misspelt attribute fails here, rather than
     * being silently ignored.
     */
    static SortedSet<String> ruleNames(ConfigValues values) {
        SortedSet<String> names = new TreeSet<>();
        for (String property : EnvironmentNames.of(values, RULES_PREFIX, RULE_ATTRIBUTES, Set.of("pattern", "policy")).propertyNames()) {
            if (!property.startsWith(RULES_PREFIX)) {
                continue;
            }
            Matcher m = RULE_PROPERTY.matcher(property);
            String value = values.get(property).orElse("");
            if (!m.matches() || !RULE_ATTRIBUTES.contains(m.group(2))) {
                throw new InvalidConfigurationException(property, value,
                        "unknown property; a rule is configured by limiter.web.rules.<rule>.pattern, .policy, .methods, .key, .cost and .refund-status");
            }
            if (!RULE_NAME.matcher(m.group(1)).matches()) {
                throw new InvalidConfigurationException(property, value,
                        "the rule name '" + m.group(1) + "' must have 1 to 64 letters, digits, '-' or '_'");
            }
            names.add(m.group(1));
        }
        return names;
    }

    /** The same reader as the interceptor's, so that both key one client alike. */
    static ClientAddressConfig clientAddresses(ConfigValues values) {
        return ClientAddressConfigReader.read(values);
    }

    static boolean legacyHeaders(ConfigValues values) {
        return values.parsed(LEGACY_HEADERS, WebConfigReader::bool).orElse(false);
    }

    private static WebRule readRule(ConfigValues values, String name, Function<String, PolicyConfig> policies) {
        String patternProperty = WebConfigProperties.ofRule(name, "pattern");
        String policyProperty = WebConfigProperties.ofRule(name, "policy");
        UrlPattern pattern = values.parsed(patternProperty, UrlPattern::parse)
                .orElseThrow(() -> missing(patternProperty, "every rule needs a URL pattern such as /api/*"));
        PolicyConfig policy = values.parsed(policyProperty, policies)
                .orElseThrow(() -> missing(policyProperty, "every rule needs the name of a policy"));
        Set<String> methods = values.parsed(WebConfigProperties.ofRule(name, "methods"), WebConfigReader::methods).orElse(Set.of());
        KeyStrategy key = values.parsed(WebConfigProperties.ofRule(name, "key"), KeyStrategy::parse).orElse(new KeyStrategy.Ip());
        int cost = values.parsed(WebConfigProperties.ofRule(name, "cost"), text -> cost(text, policy)).orElse(1);
        RefundStatuses refundStatus = values.parsed(WebConfigProperties.ofRule(name, "refund-status"), RefundStatuses::parse)
                .orElse(RefundStatuses.NONE);
        return new WebRule(name, pattern, policy, methods, key, cost, refundStatus);
    }

    private static InvalidConfigurationException missing(String property, String rule) {
        return new InvalidConfigurationException(property, "", rule);
    }

    private static Set<String> methods(String text) {
        Set<String> methods = new LinkedHashSet<>();
        for (String method : text.split(",", -1)) {
            if (!METHOD.matcher(method.strip()).matches()) {
                throw new IllegalArgumentException("expected a comma list of HTTP methods such as GET, POST");
            }
            // HTTP methods are case-sensitive and every registered one is upper case: get means GET
            methods.add(method.strip().toUpperCase(Locale.ROOT));
        }
        return methods;
    }

    private static int cost(String text, PolicyConfig policy) {
        int cost = WHOLE_NUMBER.matcher(text).matches() ? Integer.parseInt(text) : 0;
        if (cost < 1) {
            throw new IllegalArgumentException("expected a whole number of at least 1");
        }
        if (cost > policy.smallestCapacity()) {
            throw new IllegalArgumentException("a cost above " + policy.smallestCapacity()
                    + ", the smallest capacity of policy " + policy + ", could never pass");
        }
        for (String tier : new TreeSet<>(policy.tiers().keySet())) {
            PolicyConfig inTier = policy.forTier(tier);
            if (cost > inTier.smallestCapacity()) {
                throw new IllegalArgumentException("a cost above " + inTier.smallestCapacity() + ", the smallest capacity of "
                        + "policy " + policy.name() + " in tier '" + tier + "' (" + inTier + "), could never pass there");
            }
        }
        return cost;
    }

    private static boolean bool(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("expected true or false");
    }
}
