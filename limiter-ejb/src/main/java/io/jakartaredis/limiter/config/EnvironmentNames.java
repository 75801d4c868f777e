package io.jakartaredis.limiter.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists the properties of named entries ({@code limiter.policy.<name>.<attribute>},
 * {@code limiter.web.rules.<rule>.<attribute>}) that environment variables set under their dotted
 * names, so that the readers that discover entries by name find them. MicroProfile Config finds
 * {@code LIMITER_POLICY_PER_CUSTOMER_LIMITS} when asked for {@code limiter.policy.per-customer.limits},
 * but lists it only under its own name, from which the entry's name cannot be read back: an
 * {@code _} stands for any character other than a letter or digit, and the case is lost.
 *
 * <p>So the name in such a variable (and a policy's tier) is matched against the names the
 * application knows, from {@code @RateLimited} and from dotted properties; a name known nowhere
 * else is read in lower case with {@code _} as {@code -}. Values are still read through the source,
 * under the dotted name: where both are set, the ordinals decide (environment 300 over the
 * properties file 100). SmallRye Config's own dotted guess of such a variable is left out, as it
 * misreads every {@code -}. A variable that configures nothing of this application (no attribute
 * it knows, or a policy that neither the application nor a variable gives limits or a concurrency
 * limit) is left out with a log line: the environment is shared by every application on a server.
 */
public final class EnvironmentNames implements ConfigValues {

    private static final Logger LOG = Logger.getLogger(EnvironmentNames.class.getName());
    private static final String TIERS = "TIERS_";
    private static final Set<String> TIER_ATTRIBUTES = ConfigProperties.TIER_ATTRIBUTES;

    private final ConfigValues values;
    private final String prefix;
    private final Set<String> attributes;
    private final boolean tiered;
    private final Set<String> names = new LinkedHashSet<>();

    private EnvironmentNames(ConfigValues values, String prefix, Set<String> attributes, Collection<String> declared,
                             boolean tiered, Predicate<Set<String>> defines, String definedBy) {
        this.values = values;
        this.prefix = prefix;
        this.attributes = attributes;
        this.tiered = tiered;
        Pattern dottedEntry = Pattern.compile(Pattern.quote(prefix) + "([^.]+)\\..+");
        Pattern dottedTier = Pattern.compile(Pattern.quote(prefix) + "[^.]+\\.tiers\\.([^.]+)\\..+");
        String variablePrefix = environmentForm(prefix);
        List<String> variables = new ArrayList<>();
        Set<String> guesses = new HashSet<>();
        for (String name : values.propertyNames()) {
            String variable = name.toUpperCase(Locale.ROOT);
            if (variable.startsWith(variablePrefix) && variable.equals(environmentForm(name))) {
                variables.add(name);
                guesses.add(smallRyeGuess(name));
            }
        }
        Set<String> entries = new TreeSet<>(declared);
        Set<String> tiers = new TreeSet<>();
        for (String name : values.propertyNames()) {
            if (guesses.contains(name)) {
                continue; // a variable's guessed name, which would name a policy per.customer
            }
            names.add(name);
            Matcher entry = dottedEntry.matcher(name);
            Matcher tier = dottedTier.matcher(name);
            if (entry.matches()) {
                entries.add(entry.group(1));
            }
            if (tier.matches()) {
                tiers.add(tier.group(1));
            }
        }
        Map<String, String> placed = new LinkedHashMap<>(); // dotted name -> the variable that sets it
        for (String name : variables) {
            dotted(name.toUpperCase(Locale.ROOT).substring(variablePrefix.length()), entries, tiers)
                    .ifPresentOrElse(dotted -> placed.put(dotted, name),
                            () -> ignored(name, "it ends in no attribute of " + prefix + "<name>: " + new TreeSet<>(attributes)));
        }
        Map<String, Set<String>> setByVariables = new TreeMap<>(); // entry -> its own attributes that variables set
        for (String dotted : placed.keySet()) {
            Set<String> set = setByVariables.computeIfAbsent(entryOf(dotted), entry -> new TreeSet<>());
            if (!isTier(dotted)) {
                set.add(attributeOf(dotted));
            }
        }
        for (var it = placed.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> setting = it.next();
            String entry = entryOf(setting.getKey());
            if (!entries.contains(entry) && !defines.test(setByVariables.get(entry))) {
                ignored(setting.getValue(), "'" + entry + "' is not configured here, and variables give it no " + definedBy);
                it.remove();
            }
        }
        names.addAll(placed.keySet());
    }

    /**
     * Environment variables are the server's, shared by every application on it: one that sets
     * nothing of this application (another's policy, a misspelt attribute) is left out, where a
     * misspelt dotted property fails the deployment.
     */
    private static void ignored(String variable, String why) {
        LOG.info(() -> "Environment variable " + variable + " configures nothing of this application (" + why
                + "): ignored");
    }

    private String entryOf(String dotted) {
        return dotted.substring(prefix.length(), dotted.indexOf('.', prefix.length()));
    }

    private static String attributeOf(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private boolean isTier(String dotted) {
        return dotted.startsWith(prefix + entryOf(dotted) + ".tiers.");
    }

    /**
     * The values, with every policy property that an environment variable sets listed under its
     * dotted name too; variables alone define a policy with its limits or its concurrency limit.
     */
    static ConfigValues ofPolicies(ConfigValues values, Collection<String> declaredPolicies) {
        return new EnvironmentNames(values, LimiterConfigReader.POLICY_PREFIX, LimiterConfigReader.POLICY_ATTRIBUTES,
                declaredPolicies, true, set -> set.contains("limits") || set.contains("concurrency"), "limits or concurrency");
    }

    /**
     * The values, with every property {@code <prefix><name>.<attribute>} that an environment
     * variable sets listed under its dotted name too; variables alone define an entry that they
     * give every one of {@code required}.
     */
    public static ConfigValues of(ConfigValues values, String prefix, Set<String> attributes, Set<String> required) {
        return new EnvironmentNames(values, prefix, attributes, Set.of(), false, set -> set.containsAll(required),
                String.join(" and ", new TreeSet<>(required)));
    }

    @Override
    public Optional<String> get(String property) {
        return values.get(property);
    }

    @Override
    public Iterable<String> propertyNames() {
        return names;
    }

    /** {@code PER_CUSTOMER_TIERS_GOLD_LIMITS} as {@code <prefix>per-customer.tiers.gold.limits}; empty for no attribute. */
    private Optional<String> dotted(String variable, Set<String> entries, Set<String> tiers) {
        for (String attribute : attributes) {
            String suffix = "_" + environmentForm(attribute);
            if (variable.endsWith(suffix) && variable.length() > suffix.length()) {
                String entry = variable.substring(0, variable.length() - suffix.length());
                int tiersAt = entry.lastIndexOf("_" + TIERS);
                boolean knownEntry = knownName(entry, entries).isPresent(); // by-tiers-x is no tier x of policy by
                if (tiered && TIER_ATTRIBUTES.contains(attribute) && tiersAt > 0 && !knownEntry) {
                    return Optional.of(prefix + nameOf(entry.substring(0, tiersAt), entries) + ".tiers."
                            + nameOf(entry.substring(tiersAt + 1 + TIERS.length()), tiers) + "." + attribute);
                }
                return Optional.of(prefix + nameOf(entry, entries) + "." + attribute);
            }
        }
        return Optional.empty();
    }

    /** The known name whose environment form this is, else the form in lower case with {@code -} for {@code _}. */
    private static String nameOf(String form, Set<String> known) {
        return knownName(form, known).orElse(form.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The known name whose environment form this is. */
    private static Optional<String> knownName(String form, Set<String> known) {
        return known.stream().filter(name -> environmentForm(name).equals(form)).findFirst();
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
