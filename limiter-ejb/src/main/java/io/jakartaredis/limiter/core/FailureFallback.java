package io.jakartaredis.limiter.core;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.Concurrency;
import io.jakartaredis.limiter.config.FailurePolicy;
import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.redis.BucketReply;
import io.jakartaredis.limiter.resilience.LocalBuckets;
import io.jakartaredis.limiter.resilience.LocalSlots;

/**
 * Decides for a policy when Redis cannot: admit ({@code open}), refuse ({@code closed}) or a local
 * bucket ({@code local}). A concurrency limit under {@code open} limits nothing and holds no slot;
 * under {@code local} this node holds at most its share of the slots, {@code ceil(slots / nodes)},
 * given back by a release; under {@code closed} every call is refused as without it.
 */
final class FailureFallback {

    private static final System.Logger LOG = System.getLogger(FailureFallback.class.getName());
    /** As the script caps its own: a slot may free at any moment. */
    private static final long SLOTS_RETRY_AFTER_MILLIS = 1000;

    private final LocalBuckets localBuckets;
    private final LocalSlots localSlots;

    FailureFallback(LocalBuckets localBuckets, LocalSlots localSlots) {
        this.localBuckets = localBuckets;
        this.localSlots = localSlots;
    }

    /**
     * @param localLeaseId the lease id that a call admitted by {@code local} holds, for a policy with a
     *                     concurrency limit ({@code null} without one)
     * @return the decision of the policy's failure policy
     * @throws RateLimiterUnavailableException when the failure policy is {@code closed}
     */
    Decision decide(CompiledPolicy policy, String bucketKey, int cost, RateLimiterUnavailableException failure,
                    String localLeaseId) {
        PolicyConfig config = policy.config();
        return switch (config.onFailure()) {
            case OPEN -> admitted(config, cost, true, localBuckets);
            case LOCAL -> local(config, policy.localBucketKey(bucketKey), cost, localLeaseId);
            case CLOSED -> throw refused(config, failure);
        };
    }

    /** Gives back a slot that {@code local} gave under {@code policy}'s tier; harmless for one that expired. */
    void release(CompiledPolicy policy, String bucketKey, String localLeaseId) {
        localSlots.release(policy.localBucketKey(bucketKey), localLeaseId);
    }

    /** A slot of this node's share first, then the local bucket; a bucket rejection gives the slot back. */
    private Decision local(PolicyConfig config, String bucketKey, int cost, String leaseId) {
        Concurrency concurrency = config.concurrency();
        if (concurrency == null) {
            return Decisions.ofLocalBucket(config, localBuckets.take(bucketKey, cost, config.limits()), null);
        }
        int free = localSlots.take(bucketKey, leaseId, concurrency.slots(), concurrency.leaseTimeoutMillis());
        if (free < 0) {
            return slotsHeld(config);
        }
        if (config.limits().isEmpty()) {
            return slotsOnly(config, true, free, leaseId);
        }
        BucketReply reply = localBuckets.take(bucketKey, cost, config.limits());
        if (!reply.allowed()) {
            localSlots.release(bucketKey, leaseId);
            free++;
        }
        return Decisions.ofLocalBucket(config, withFreeSlots(reply, free), leaseId);
    }

    /**
     * What the failure policy would decide for a call of {@code cost}, taking nothing: a full bucket
     * ({@code open}), this node's local bucket as it is ({@code local}).
     *
     * @throws RateLimiterUnavailableException when the failure policy is {@code closed}
     */
    Decision peek(CompiledPolicy policy, String bucketKey, int cost, RateLimiterUnavailableException failure) {
        PolicyConfig config = policy.config();
        return switch (config.onFailure()) {
            case OPEN -> admitted(config, cost, false, localBuckets);
            case LOCAL -> localPeek(config, policy.localBucketKey(bucketKey), cost);
            case CLOSED -> throw refused(config, failure);
        };
    }

    private Decision localPeek(PolicyConfig config, String bucketKey, int cost) {
        Concurrency concurrency = config.concurrency();
        int free = concurrency == null ? -1 : localSlots.free(bucketKey, concurrency.slots());
        if (free == 0) {
            return slotsHeld(config);
        }
        if (config.limits().isEmpty()) {
            return slotsOnly(config, false, free, null);
        }
        return Decisions.ofPeek(config, withFreeSlots(localBuckets.peek(bucketKey, cost, config.limits()), free));
    }

    /** Every slot of this node's share is held: rejected at once, as the script rejects. */
    private Decision slotsHeld(PolicyConfig config) {
        Concurrency concurrency = config.concurrency();
        return new Decision(config.name(), false, localSlots.share(concurrency.slots()), concurrency.leaseTimeout(), 0,
                SLOTS_RETRY_AFTER_MILLIS, SLOTS_RETRY_AFTER_MILLIS, config.limits().size(), false, false,
                Decision.DEFAULT_TIER, null, 0);
    }

    /** A policy with a concurrency limit alone, admitted by this node's share. */
    private Decision slotsOnly(PolicyConfig config, boolean taking, int free, String leaseId) {
        Concurrency concurrency = config.concurrency();
        return new Decision(config.name(), true, localSlots.share(concurrency.slots()), concurrency.leaseTimeout(), free,
                0, 0, 0, false, false, Decision.DEFAULT_TIER, taking ? leaseId : null, free);
    }

    private static BucketReply withFreeSlots(BucketReply reply, int free) {
        return new BucketReply(reply.allowed(), reply.remaining(), reply.retryAfterMillis(), reply.resetAfterMillis(),
                reply.limit(), reply.limitIndex(), free);
    }

    private static RateLimiterUnavailableException refused(PolicyConfig config, RateLimiterUnavailableException failure) {
        return new RateLimiterUnavailableException("policy '" + config.name()
                + "' refuses calls while Redis cannot decide (on-failure=closed): " + failure.getMessage(), failure);
    }

    /**
     * Admitted as by a full bucket, which is what Redis would hold for a client it has lost; the
     * bucket after the cost, or as it is for a peek. A calendar limit with the cost used resets at
     * its period's end (by this node's clock).
     */
    private static Decision admitted(PolicyConfig config, int cost, boolean taking, LocalBuckets periods) {
        List<Limit> limits = config.limits();
        if (limits.isEmpty()) {
            Concurrency concurrency = config.concurrency();
            return new Decision(config.name(), true, concurrency.slots(), concurrency.leaseTimeout(), concurrency.slots(),
                    0, 0, 0, false, false);
        }
        int smallest = 0;
        for (int i = 1; i < limits.size(); i++) {
            if (limits.get(i).tokens() < limits.get(smallest).tokens()) {
                smallest = i;
            }
        }
        Limit limit = limits.get(smallest);
        long taken = taking ? cost : 0;
        long refillMillis;
        if (taken == 0) {
            refillMillis = 0;
        } else if (limit.isCalendar()) {
            refillMillis = periods.millisToPeriodEnd(limit);
        } else {
            // ceil(taken * window / tokens) without overflow: taken <= tokens <= 10^9
            long window = limit.windowMillis();
            long tokens = limit.tokens();
            refillMillis = taken * (window / tokens) - Math.floorDiv(-taken * (window % tokens), tokens);
        }
        return new Decision(config.name(), true, limit.tokens(), limit.window(), limit.tokens() - taken, 0,
                refillMillis, smallest, false, false);
    }

    /** Says once, at startup, what each policy does when Redis fails; a warning when some admit everything. */
    static void logFailurePolicies(LimiterConfig config) {
        Map<FailurePolicy, List<String>> byPolicy = new TreeMap<>();
        config.policies().values().forEach(p -> byPolicy.computeIfAbsent(p.onFailure(), k -> new ArrayList<>())
                .add(p.name()));
        boolean someAdmitAll = byPolicy.containsKey(FailurePolicy.OPEN);
        LOG.log(someAdmitAll ? Level.WARNING : Level.INFO, "When Redis cannot decide (down, too slow, circuit open),"
                + (byPolicy.containsKey(FailurePolicy.OPEN) ? " policies " + byPolicy.get(FailurePolicy.OPEN)
                        + " ADMIT EVERY CALL, unlimited (on-failure=open);" : "")
                + (byPolicy.containsKey(FailurePolicy.CLOSED) ? " policies " + byPolicy.get(FailurePolicy.CLOSED)
                        + " refuse every call with 503 (on-failure=closed);" : "")
                + (byPolicy.containsKey(FailurePolicy.LOCAL) ? " policies " + byPolicy.get(FailurePolicy.LOCAL)
                        + " limit with in-memory buckets per node (on-failure=local, capacities / "
                        + config.resilience().localNodes() + " nodes);" : "")
                + " default limiter.on-failure=" + config.resilience().onFailure() + "; " + config.resilience());
    }
}
