package io.jakartaredis.limiter.core;

import java.util.List;

import io.jakartaredis.limiter.config.Concurrency;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.redis.Lease;
import io.jakartaredis.limiter.redis.TokenBucketScript;

/** A policy with everything the hot path needs computed once: key prefix and script arguments. */
record CompiledPolicy(PolicyConfig config, String keyPrefix, List<String> limitArgs) {

    static CompiledPolicy of(PolicyConfig config, String globalPrefix) {
        return new CompiledPolicy(config, globalPrefix + config.name() + ":", TokenBucketScript.limitArgs(config.limits()));
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
        if (cost > config.smallestCapacity()) {
            throw new IllegalArgumentException("cost " + cost + " exceeds the smallest capacity of policy '"
                    + config.name() + "' (" + config + "): such a call could never pass");
        }
    }
}
