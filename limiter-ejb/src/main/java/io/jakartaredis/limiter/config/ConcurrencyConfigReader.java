package io.jakartaredis.limiter.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a policy's concurrency limit: {@code limiter.policy.<name>.concurrency} (slots, 1 to
 * {@value #MAX_SLOTS}) and {@code .lease-timeout} ({@link #MIN_LEASE_TIMEOUT} to
 * {@link #MAX_LEASE_TIMEOUT}, default {@link #DEFAULT_LEASE_TIMEOUT}), each overriding what the
 * annotation declares. A lease is never renewed: its timeout is the longest a call may hold its
 * slot, after which a call that has not ended (or a node that died) lets another one in.
 */
public final class ConcurrencyConfigReader {

    public static final int MAX_SLOTS = 100_000;
    public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(30);
    /** Shorter leases would expire under ordinary calls and Redis round trips. */
    public static final Duration MIN_LEASE_TIMEOUT = Duration.ofSeconds(1);
    /** A slot held by a dead node longer than a day is no limit but an outage. */
    public static final Duration MAX_LEASE_TIMEOUT = Duration.ofDays(1);

    private ConcurrencyConfigReader() {
    }

    static String concurrencyProperty(String policy) {
        return ConfigProperties.ofPolicy(policy, "concurrency");
    }

    static String leaseTimeoutProperty(String policy) {
        return ConfigProperties.ofPolicy(policy, "lease-timeout");
    }

    /**
     * The policy's concurrency limit, or {@code null} for none.
     *
     * @param declared the annotation's defaults, or {@code null}
     * @throws InvalidConfigurationException for slots or a lease timeout out of range
     */
    static Concurrency read(Property property, String policy, PolicyDefaults declared) {
        Optional<Integer> slots = property.parsed(concurrencyProperty(policy), ConcurrencyConfigReader::parseSlots);
        Optional<Duration> leaseTimeout = property.parsed(leaseTimeoutProperty(policy), ConcurrencyConfigReader::parseLeaseTimeout);
        if (declared != null) {
            if (slots.isEmpty() && declared.concurrency() != 0) {
                slots = Optional.of(checked("@RateLimited(concurrency) on " + declared.site(), declared.concurrency()));
            }
            if (leaseTimeout.isEmpty() && !declared.leaseTimeout().isBlank()) {
                leaseTimeout = Optional.of(checked("@RateLimited(leaseTimeout) on " + declared.site(), declared.leaseTimeout()));
            }
        }
        if (slots.isEmpty()) {
            return null; // a lease timeout alone applies to the tiers' concurrency limits (checkLeaseTimeoutsUsed)
        }
        return new Concurrency(slots.get(), leaseTimeout.orElse(DEFAULT_LEASE_TIMEOUT));
    }

    /**
     * @throws InvalidConfigurationException for a lease timeout, configured or declared, of a policy
     *                                       that has no concurrency limit, nor any of its tiers
     */
    static void checkLeaseTimeoutsUsed(Property property, Map<String, PolicyDefaults> declared,
                                       Collection<PolicyConfig> policies) {
        for (PolicyConfig policy : policies) {
            boolean inFlightLimited = policy.hasConcurrency()
                    || policy.tiers().values().stream().anyMatch(tier -> tier.concurrency() != null);
            if (inFlightLimited) {
                continue;
            }
            String name = leaseTimeoutProperty(policy.name());
            Optional<String> configured = property.text(name);
            PolicyDefaults defaults = declared.get(policy.name());
            if (configured.isPresent() || defaults != null && !defaults.leaseTimeout().isBlank()) {
                throw new InvalidConfigurationException(configured.isPresent() ? name
                        : "@RateLimited(leaseTimeout) on " + defaults.site(),
                        configured.isPresent() ? configured.get() : defaults.leaseTimeout(),
                        "a lease timeout needs a concurrency limit: set " + concurrencyProperty(policy.name()));
            }
        }
    }

    /**
     * A concurrency limit's lease key shares the bucket key's Cluster slot through a hash tag: a
     * prefix with a '}' but no tag of its own ({@code app}:} or {@code {}x:}) leaves none to share.
     *
     * @throws InvalidConfigurationException naming {@code limiter.key-prefix} when some policy has a
     *                                       concurrency limit and the prefix is of that kind
     */
    static void checkKeyPrefix(String keyPrefix, Collection<PolicyConfig> policies) {
        boolean concurrency = policies.stream().anyMatch(p -> p.hasConcurrency()
                || p.tiers().values().stream().anyMatch(tier -> tier.concurrency() != null));
        if (concurrency && keyPrefix.indexOf('}') >= 0 && !hasHashTag(keyPrefix)) {
            throw new InvalidConfigurationException(LimiterConfigReader.KEY_PREFIX, keyPrefix,
                    "with a concurrency limit a prefix that has a '}' needs a Redis Cluster hash tag such as {app}"
                    + " (a '{', one or more characters, then the '}'), which the lease keys share with the buckets");
        }
    }

    private static boolean hasHashTag(String key) {
        int open = key.indexOf('{');
        int close = open < 0 ? -1 : key.indexOf('}', open + 1);
        return close > open + 1;
    }

    private static int checked(String where, int slots) {
        try {
            return checkedSlots(slots);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(where, Integer.toString(slots), e.getMessage());
        }
    }

    private static Duration checked(String where, String leaseTimeout) {
        try {
            return parseLeaseTimeout(leaseTimeout);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(where, leaseTimeout, e.getMessage());
        }
    }

    private static int parseSlots(String text) {
        try {
            return checkedSlots(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number of calls in flight, 1 to " + MAX_SLOTS);
        }
    }

    private static int checkedSlots(int slots) {
        if (slots < 1 || slots > MAX_SLOTS) {
            throw new IllegalArgumentException("expected a whole number of calls in flight, 1 to " + MAX_SLOTS);
        }
        return slots;
    }

    private static Duration parseLeaseTimeout(String text) {
        String rule = "expected a duration from " + Durations.format(MIN_LEASE_TIMEOUT) + " to "
                + Durations.format(MAX_LEASE_TIMEOUT) + " (the longest a call may hold its slot), such as 30s or 5m";
        Duration timeout;
        try {
            timeout = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(rule, e);
        }
        if (timeout.compareTo(MIN_LEASE_TIMEOUT) < 0 || timeout.compareTo(MAX_LEASE_TIMEOUT) > 0) {
            throw new IllegalArgumentException(rule);
        }
        return timeout;
    }
}
