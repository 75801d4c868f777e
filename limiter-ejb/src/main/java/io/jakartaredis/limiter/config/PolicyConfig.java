package io.jakartaredis.limiter.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A named policy: the limits that every call under it must pass together, and optionally a
 * concurrency limit and named tiers with limits of their own.
 *
 * @param name          the policy's name, as in {@code limiter.policy.<name>.limits}
 * @param limits        the limits, checked and consumed atomically; empty only with a concurrency limit
 * @param onFailure     what it decides when Redis cannot be asked
 * @param mode          whether its rejections are enforced or only counted ({@code shadow})
 * @param shadowHeaders in shadow mode, whether the filter still sends the {@code RateLimit} fields
 * @param concurrency   at most this many calls of one key in flight, or {@code null} for no such limit
 * @param tiers         the named tiers, by name; a client in none of them has {@code limits} and {@code concurrency}
 */
public record PolicyConfig(String name, List<Limit> limits, FailurePolicy onFailure, PolicyMode mode,
                           boolean shadowHeaders, Concurrency concurrency, Map<String, PolicyTier> tiers) {

    public PolicyConfig {
        limits = List.copyOf(limits);
        if (limits.isEmpty() && concurrency == null) {
            throw new IllegalArgumentException("a policy needs at least one limit or a concurrency limit");
        }
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(mode, "mode");
        tiers = Map.copyOf(tiers);
    }

    /** A policy without concurrency limit nor tiers. */
    public PolicyConfig(String name, List<Limit> limits, FailurePolicy onFailure, PolicyMode mode,
                        boolean shadowHeaders) {
        this(name, limits, onFailure, mode, shadowHeaders, null, Map.of());
    }

    /** An enforced policy. */
    public PolicyConfig(String name, List<Limit> limits, FailurePolicy onFailure) {
        this(name, limits, onFailure, PolicyMode.ENFORCE, false);
    }

    /** A policy with the default failure policy, {@link ResilienceConfig#DEFAULT_ON_FAILURE}. */
    public PolicyConfig(String name, List<Limit> limits) {
        this(name, limits, ResilienceConfig.DEFAULT_ON_FAILURE);
    }

    /** Whether calls over the limit proceed, counted as shadow rejections. */
    public boolean shadow() {
        return mode == PolicyMode.SHADOW;
    }

    /** Whether the filter describes this policy in its header fields: always when enforced, else with {@code shadow-headers}. */
    public boolean advertised() {
        return mode == PolicyMode.ENFORCE || shadowHeaders;
    }

    /** Whether it limits the calls in flight. */
    public boolean hasConcurrency() {
        return concurrency != null;
    }

    /**
     * The policy as it applies to a client of that tier: the tier's limits and concurrency limit,
     * everything else the policy's; itself for {@link io.jakartaredis.limiter.Decision#DEFAULT_TIER}.
     *
     * @throws IllegalArgumentException for a tier that the policy does not have
     */
    public PolicyConfig forTier(String tier) {
        if (tier.isEmpty()) {
            return this;
        }
        PolicyTier named = tiers.get(tier);
        if (named == null) {
            throw new IllegalArgumentException("policy '" + name + "' has no tier '" + tier + "' (tiers: "
                    + new TreeSet<>(tiers.keySet()) + ")");
        }
        return new PolicyConfig(name, named.limits(), onFailure, mode, shadowHeaders, named.concurrency(), Map.of());
    }

    /**
     * The limits of the tiers that a client of {@code tier} is not in: the policy's own limits
     * (for a named tier) and those of its other tiers; empty for a policy without tiers.
     */
    public List<Limit> siblingLimits(String tier) {
        List<Limit> siblings = new ArrayList<>();
        if (!tier.isEmpty()) {
            siblings.addAll(limits);
        }
        new TreeMap<>(tiers).forEach((name, other) -> {
            if (!name.equals(tier)) {
                siblings.addAll(other.limits());
            }
        });
        return List.copyOf(siblings);
    }

    /** The smallest capacity: no cost above it can ever pass; unbounded for a policy with concurrency limit only. */
    public long smallestCapacity() {
        return limits.stream().mapToLong(Limit::tokens).min().orElse(Long.MAX_VALUE);
    }

    @Override
    public String toString() {
        return name + "=" + limits.stream().map(Limit::toString).collect(Collectors.joining(", "))
                + (hasConcurrency() ? (limits.isEmpty() ? "" : ", ") + concurrency : "")
                + (tiers.isEmpty() ? "" : " tiers " + new TreeSet<>(tiers.keySet()))
                + (shadow() ? " (shadow)" : "");
    }
}
