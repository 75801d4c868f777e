package io.jakartaredis.limiter.web;

import java.util.Map;
import java.util.stream.Collectors;

import io.jakartaredis.limiter.config.PolicyConfig;

/**
 * A policy as each of its tiers applies it ({@link PolicyConfig#forTier}), computed once, so that
 * the header fields of a decision describe the limits of the tier that decided without building
 * them per request. A tier the policy lacks (a decision of another application's limiter, a
 * {@code @Remote} one) is described by the policy's own limits, never an error.
 */
final class TierViews {

    private final PolicyConfig policy;
    private final Map<String, PolicyConfig> byTier;

    TierViews(PolicyConfig policy) {
        this.policy = policy;
        this.byTier = policy.tiers().keySet().stream().collect(Collectors.toUnmodifiableMap(tier -> tier, policy::forTier));
    }

    /** The policy as the tier of that name applies it; the policy itself for its own limits or an unknown tier. */
    PolicyConfig of(String tier) {
        return byTier.getOrDefault(tier, policy);
    }
}
