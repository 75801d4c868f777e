package io.jakartaredis.limiter.core;

import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import io.jakartaredis.limiter.config.PolicyConfig;

/**
 * One policy compiled once for its own limits and once for each of its tiers, and which of them a
 * call's tier name picks: the tier of that name, else the policy's own limits ({@code null}, blank,
 * or a name the policy does not have, which is logged by {@link UnknownTierLog}).
 */
final class PolicyTiers {

    private final CompiledPolicy own;
    private final Map<String, CompiledPolicy> named;
    private final UnknownTierLog unknownTiers;

    PolicyTiers(CompiledPolicy own, String globalPrefix, UnknownTierLog unknownTiers) {
        PolicyConfig policy = own.config();
        this.own = own;
        this.named = policy.tiers().keySet().stream()
                .collect(Collectors.toUnmodifiableMap(tier -> tier, tier -> CompiledPolicy.ofTier(policy, tier, globalPrefix)));
        this.unknownTiers = unknownTiers;
    }

    /** The policy's own limits. */
    CompiledPolicy own() {
        return own;
    }

    /** The compiled tier of that name; the policy's own for {@code null}, blank or unknown names. */
    CompiledPolicy of(String tier) {
        if (tier == null || tier.isBlank()) {
            return own;
        }
        CompiledPolicy compiled = named.get(tier);
        if (compiled == null) {
            unknownTiers.called(tier);
            return own;
        }
        return compiled;
    }

    static PolicyTiers of(CompiledPolicy own, String globalPrefix, LongSupplier nanoClock) {
        return new PolicyTiers(own, globalPrefix, new UnknownTierLog(own.config(), UnknownTierLog.INTERVAL, nanoClock));
    }
}
