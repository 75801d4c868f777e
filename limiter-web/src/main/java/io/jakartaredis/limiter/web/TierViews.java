package io.jakartaredis.limiter.web;

import java.util.Map;
import java.util.stream.Collectors;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.PolicyConfig;

/**
 * A policy as each of its tiers applies it ({@link PolicyConfig#forTier}), computed once with
 * its {@link QuotaItems}, so that the header fields of a decision describe the limits of the tier
 * that decided without building them per request. A tier the policy lacks (a decision of another
 * application's limiter, a {@code @Remote} one) is described by the policy's own limits, never an error.
 */
final class TierViews {

    private final PolicyConfig policy;
    private final QuotaItems ownItems;
    private final Map<String, PolicyConfig> byTier;
    private final Map<String, QuotaItems> itemsByTier;

    TierViews(PolicyConfig policy) {
        this.policy = policy;
        this.ownItems = new QuotaItems(policy, Decision.DEFAULT_TIER);
        this.byTier = policy.tiers().keySet().stream().collect(Collectors.toUnmodifiableMap(tier -> tier, policy::forTier));
        this.itemsByTier = byTier.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                tier -> new QuotaItems(tier.getValue(), tier.getKey())));
    }

    /** The policy as the tier of that name applies it; the policy itself for its own limits or an unknown tier. */
    PolicyConfig of(String tier) {
        return byTier.getOrDefault(tier, policy);
    }

    /** The decision with the policy as its tier applies it ({@link #of}) and that view's kept items. */
    PolicyDecision decided(Decision decision) {
        PolicyConfig view = byTier.get(decision.tier());
        return view == null ? new PolicyDecision(policy, decision, ownItems)
                : new PolicyDecision(view, decision, itemsByTier.get(decision.tier()));
    }
}
