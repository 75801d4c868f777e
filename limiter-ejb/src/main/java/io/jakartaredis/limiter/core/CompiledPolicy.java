package io.jakartaredis.limiter.core;

import java.util.List;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.Concurrency;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.redis.Lease;
import io.jakartaredis.limiter.redis.ScriptLimits;

/**
 * A policy, or one of its tiers, with everything the hot path needs computed once: key prefix and
 * script arguments. Every tier of a policy has the policy's key prefix: a client keeps its bucket
 * when its tier changes.
 *
 * @param tier             the tier whose limits these are, {@link Decision#DEFAULT_TIER} for the policy's own
 * @param smallestCapacity {@link PolicyConfig#smallestCapacity()} of {@code config}, which every call checks its cost against
 */
record CompiledPolicy(PolicyConfig config, String keyPrefix, ScriptLimits scriptLimits, String tier, long smallestCapacity) {

    static CompiledPolicy of(PolicyConfig config, String globalPrefix) {
        return compile(config, config, Decision.DEFAULT_TIER, globalPrefix);
    }

    /** The policy as it applies to its tier of that name ({@link PolicyConfig#forTier}). */
    static CompiledPolicy ofTier(PolicyConfig policy, String tier, String globalPrefix) {
        return compile(policy, policy.forTier(tier), tier, globalPrefix);
    }

    /**
     * The script is told the limits of the policy's other tiers: their stored entries are this
     * client's under another tier, charged but not deciding (token_bucket.lua, "Tiers").
     */
    private static CompiledPolicy compile(PolicyConfig policy, PolicyConfig applied, String tier, String globalPrefix) {
        return new CompiledPolicy(applied, globalPrefix + policy.name() + ":",
                new ScriptLimits(applied.limits(), policy.siblingLimits(tier), System::currentTimeMillis), tier,
                applied.smallestCapacity());
    }

    /** The script's limit arguments for a call now (a calendar limit's periods by this node's clock). */
    List<String> limitArgs() {
        return scriptLimits.args();
    }

    /** The decision as one of this tier: itself for the policy's own limits. */
    Decision inTier(Decision decision) {
        if (tier.equals(decision.tier())) {
            return decision;
        }
        return new Decision(decision.policy(), decision.allowed(), decision.limit(), decision.window(), decision.remaining(),
                decision.retryAfterMillis(), decision.resetAfterMillis(), decision.limitIndex(), decision.shadowRejected(),
                decision.tokensTaken(), tier, decision.leaseId(), decision.freeSlots());
    }

    /**
     * The key of this tier's in-memory bucket for the {@code local} failure policy: its capacities
     * differ from the other tiers', so each tier counts in a bucket of its own there. Bucket keys
     * hold no space.
     */
    String localBucketKey(String bucketKey) {
        return tier.isEmpty() ? bucketKey : bucketKey + " " + tier;
    }

    /**
     * The concurrency part of a script call on the bucket at {@code bucketKey} for a call that would
     * hold {@code leaseId}; {@code null} for a policy without a concurrency limit.
     */
    Lease lease(String bucketKey, String leaseId) {
        Concurrency concurrency = config.concurrency();
        return concurrency == null ? null
                : new Lease(BucketKeys.leaseKey(bucketKey), concurrency.slots(), concurrency.leaseTimeoutMillis(), leaseId);
    }

    /**
     * The lease {@code id} to release on the bucket at {@code bucketKey}. A release needs only the
     * lease key and the id; a policy without a concurrency limit of its own (the slot was taken
     * under a tier's) passes one slot, which only the reply's free slots count.
     */
    Lease leaseToRelease(String bucketKey, String id) {
        Lease lease = lease(bucketKey, id);
        return lease != null ? lease : new Lease(BucketKeys.leaseKey(bucketKey), 1, 1, id);
    }

    void checkCost(int cost) {
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1, was " + cost);
        }
        if (cost > smallestCapacity) {
            throw new IllegalArgumentException("cost " + cost + " exceeds the smallest capacity of policy '"
                    + config.name() + "'" + (tier.isEmpty() ? "" : " in tier '" + tier + "'") + " (" + config
                    + "): such a call could never pass");
        }
    }
}
