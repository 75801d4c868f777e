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
            case OPEN -> admitted(config, cost);
            case LOCAL -> Decisions.of(config, localBuckets.take(bucketKey, cost, config.limits()));
            case CLOSED -> throw new RateLimiterUnavailableException("policy '" + config.name()
                    + "' refuses calls while Redis cannot decide (on-failure=closed): " + failure.getMessage(), failure);
        };
    }

    /** Admitted as by a full bucket, which is what Redis would hold for a client it has lost. */
    private static Decision admitted(PolicyConfig config, int cost) {
        Limit smallest = config.limits().stream().min((a, b) -> Long.compare(a.tokens(), b.tokens())).orElseThrow();
        long refillMillis = -Math.floorDiv(-cost * smallest.windowMillis(), smallest.tokens());
        return new Decision(config.name(), true, smallest.tokens(), smallest.window(), smallest.tokens() - cost, 0,
                refillMillis);
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
