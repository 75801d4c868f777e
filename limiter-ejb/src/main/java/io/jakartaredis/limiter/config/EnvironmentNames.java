package io.jakartaredis.limiter.config;

import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists policy properties set by environment variables under their dotted names, so that the
 * readers that discover policies and tiers by name find them. MicroProfile Config finds
 * {@code LIMITER_POLICY_PER_CUSTOMER_LIMITS} when asked for {@code limiter.policy.per-customer.limits},
 * but lists it only under its own name, from which a policy name cannot be read back: an
 * {@code _} stands for any character other than a letter or digit, and the case is lost.
 *
 * <p>So the policy (and tier) in such a name is matched against the names the application knows,
 * from {@code @RateLimited} and from dotted properties; a name known nowhere else is read in lower
 * case with {@code _} as {@code -}. Values are still read through the source, under the dotted
 * name: where both are set, the ordinals decide (environment 300 over the properties file 100).
 * SmallRye Config's own dotted guess of such a variable is left out, as it misreads every {@code -}.
 */
final class EnvironmentNames implements ConfigValues {

    private static final Pattern POLICY_VARIABLE = Pattern.compile("(?i)limiter_policy_([a-z0-9_]+)");
    private static final Pattern DOTTED_POLICY = Pattern.compile("limiter\\.policy\\.([^.]+)\\..+");
    private static final Pattern DOTTED_TIER = Pattern.compile("limiter\\.policy\\.([^.]+)\\.tiers\\.([^.]+)\\..+");
    private static final Set<String> TIER_ATTRIBUTES = Set.of("limits", "concurrency");

    private final ConfigValues values;
    private final Set<String> names = new LinkedHashSet<>();

    private EnvironmentNames(ConfigValues values, Collection<String> declaredPolicies) {
        this.values = values;
        Set<String> policies = new TreeSet<>(declaredPolicies);
        Set<String> tiers = new TreeSet<>();
        for (String name : values.propertyNames()) {
            names.add(name);
            Matcher policy = DOTTED_POLICY.matcher(name);
            Matcher tier = DOTTED_TIER.matcher(name);
            if (policy.matches()) {
                policies.add(policy.group(1));
            }
            if (tier.matches()) {
                tiers.add(tier.group(2));
            }
        }
        for (String name : List.copyOf(names)) {
            Matcher variable = POLICY_VARIABLE.matcher(name);
            if (variable.matches()) {
                dotted(variable.group(1).toUpperCase(Locale.ROOT), policies, tiers).ifPresent(dotted -> {
                    names.remove(smallRyeGuess(name));
                    names.add(dotted);
                });
            }
        }
    }

    /** The values, with every policy property that an environment variable sets listed under its dotted name too. */
    static ConfigValues of(ConfigValues values, Collection<String> declaredPolicies) {
        return new EnvironmentNames(values, declaredPolicies);
    }

    @Override
    public Optional<String> get(String property) {
        return values.get(property);
    }

    @Override
    public Iterable<String> propertyNames() {
        return names;
    }

    /** {@code PER_CUSTOMER_TIERS_GOLD_LIMITS} as {@code limiter.policy.per-customer.tiers.gold.limits}; empty for no attribute. */
    private static Optional<String> dotted(String variable, Set<String> policies, Set<String> tiers) {
        for (String attribute : LimiterConfigReader.POLICY_ATTRIBUTES) {
            String suffix = "_" + environmentForm(attribute);
            if (variable.endsWith(suffix) && variable.length() > suffix.length()) {
                String policyPart = variable.substring(0, variable.length() - suffix.length());
                int tiersAt = policyPart.lastIndexOf("_TIERS_");
                if (TIER_ATTRIBUTES.contains(attribute) && tiersAt > 0) {
                    return Optional.of(LimiterConfigReader.POLICY_PREFIX + nameOf(policyPart.substring(0, tiersAt), policies)
                            + ".tiers." + nameOf(policyPart.substring(tiersAt + "_TIERS_".length()), tiers) + "." + attribute);
                }
                return Optional.of(LimiterConfigReader.POLICY_PREFIX + nameOf(policyPart, policies) + "." + attribute);
            }
        }
        return Optional.empty();
    }

    /** The known name whose environment form this is, else the form in lower case with {@code -} for {@code _}. */
    private static String nameOf(String form, Set<String> known) {
        return known.stream().filter(name -> environmentForm(name).equals(form)).findFirst()
                .orElse(form.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /**
     * SmallRye Config (WildFly) lists a variable also under a dotted guess, every {@code _} a dot:
     * {@code limiter.policy.per.customer.limits}, which would read as a policy {@code per.customer}.
     */
    private static String smallRyeGuess(String variable) {
        return variable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** MicroProfile Config's mapping: every character other than a letter or digit becomes {@code _}, then upper case. */
    static String environmentForm(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
