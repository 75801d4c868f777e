package io.jakartaredis.limiter.core;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.FailurePolicy;
import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.resilience.LocalBuckets;

/** Decides for a policy when Redis cannot: admit ({@code open}), refuse ({@code closed}) or a local bucket ({@code local}). */
final class FailureFallback {

    private static final System.Logger LOG = System.getLogger(FailureFallback.class.getName());

    private final LocalBuckets localBuckets;

    FailureFallback(LocalBuckets localBuckets) {
        this.localBuckets = localBuckets;
    }

    /**
     * @return the decision of the policy's failure policy
     * @throws RateLimiterUnavailableException when the failure policy is {@code closed}
     */
    Decision decide(CompiledPolicy policy, String bucketKey, int cost, RateLimiterUnavailableException failure) {
        PolicyConfig config = policy.config();
        return switch (config.onFailure()) {
            case OPEN -> admitted(config, cost, true, localBuckets);
            case LOCAL -> Decisions.ofLocalBucket(config, localBuckets.take(policy.localBucketKey(bucketKey), cost, config.limits()));
            case CLOSED -> throw refused(config, failure);
        };
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
            case LOCAL -> Decisions.ofLocalBucket(config, localBuckets.peek(policy.localBucketKey(bucketKey), cost, config.limits()));
            case CLOSED -> throw refused(config, failure);
        };
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
