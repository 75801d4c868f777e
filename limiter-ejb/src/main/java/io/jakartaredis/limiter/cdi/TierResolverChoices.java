package io.jakartaredis.limiter.cdi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.jakartaredis.limiter.TierResolver;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.config.TierConfigReader;

/**
 * Which {@link TierResolver} bean chooses the tier of each policy with tiers, decided once at
 * deployment: the bean named by {@code limiter.policy.<name>.tier-resolver}, else the application's
 * only {@code TierResolver} bean. A named class that is no resolvable {@code TierResolver} bean
 * fails the deployment at once. A policy with tiers and no resolver (none, or several and none
 * named) fails the deployment as soon as a {@code @RateLimited} method or a filter rule uses it;
 * a policy used only through {@code RateLimiter}, which names its tiers itself, needs none. A
 * resolver named for a policy without tiers is never called: one WARNING at startup.
 */
final class TierResolverChoices {

    private final Map<String, Class<? extends TierResolver>> chosen;
    private final Map<String, String> problems;
    private final List<String> warnings;

    private TierResolverChoices(Map<String, Class<? extends TierResolver>> chosen,
                                Map<String, String> problems, List<String> warnings) {
        this.chosen = Map.copyOf(chosen);
        this.problems = Map.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    /** @throws InvalidConfigurationException for a {@code .tier-resolver} that names no resolvable {@code TierResolver} bean */
    static TierResolverChoices choose(LimiterConfig config, ConfigValues values, ResolverBeans beans) {
        Map<String, Class<? extends TierResolver>> chosen = new HashMap<>();
        Map<String, String> problems = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        for (PolicyConfig policy : config.policies().values()) {
            String property = TierConfigReader.resolverProperty(policy.name());
            Optional<String> named = values.get(property).map(String::strip);
            if (named.isPresent()) {
                Class<? extends TierResolver> type = namedType(beans, property, named.get());
                if (policy.tiers().isEmpty()) {
                    warnings.add(property + "=" + named.get() + " has no effect: policy '" + policy.name()
                            + "' has no tiers (limiter.policy." + policy.name() + ".tiers.<tier>.limits), so it is never called");
                } else {
                    chosen.put(policy.name(), type);
                }
            } else if (!policy.tiers().isEmpty()) {
                List<ResolverBeans.Candidate> all = beans.resolving(TierResolver.class);
                if (all.size() == 1) {
                    chosen.put(policy.name(), TierResolver.class);
                } else {
                    problems.put(policy.name(), "policy '" + policy.name()
                            + "' has tiers " + new TreeSet<>(policy.tiers().keySet()) + ", and "
                            + (all.isEmpty() ? "the application has no TierResolver bean to choose them: add one"
                            : "the application has several TierResolver beans (" + ResolverBeans.classesOf(all)
                            + "): name one") + " (this property: its fully qualified class)");
                }
            }
        }
        return new TierResolverChoices(chosen, problems, warnings);
    }

    private static Class<? extends TierResolver> namedType(ResolverBeans beans, String property, String className) {
        Class<?> type = beans.typeNamed(className).orElseThrow(() -> new InvalidConfigurationException(property, className,
                "expected the fully qualified class of a TierResolver bean of the application (e.g. @ApplicationScoped)"));
        beans.check(type, property);
        return type.asSubclass(TierResolver.class);
    }

    /**
     * The type to look the policy's resolver up by, or {@code null} for a policy without tiers.
     *
     * @throws InvalidConfigurationException for a policy with tiers but no resolver, or an ambiguous one
     */
    Class<? extends TierResolver> resolverOf(String policy) {
        String problem = problems.get(policy);
        if (problem != null) {
            throw new InvalidConfigurationException(TierConfigReader.resolverProperty(policy), "", problem);
        }
        return chosen.get(policy);
    }

    /** Settings that change nothing, for one WARNING each at startup. */
    List<String> warnings() {
        return warnings;
    }
}
