package io.jakartaredis.limiter.metrics;

import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.core.DecidedBy;
import io.jakartaredis.limiter.core.DecisionListener;

/** Counts every decision into its policy's {@link PolicyStats}; a {@link DecisionListener} of the core. */
public final class LimiterMetrics implements DecisionListener {

    private final Map<String, PolicyStats> byPolicy;

    /** @param circuitState the circuit breaker's state, read when JMX asks */
    public LimiterMetrics(Collection<PolicyConfig> policies, Supplier<String> circuitState) {
        this.byPolicy = policies.stream()
                .collect(Collectors.toUnmodifiableMap(PolicyConfig::name, p -> new PolicyStats(p, circuitState)));
    }

    @Override
    public void decided(Decision decision, String clientKey, DecidedBy decidedBy, long latencyNanos) {
        stats(decision.policy()).decided(decision.allowed(), decision.shadowRejected(), decision.holdsSlot(), decidedBy,
                latencyNanos);
    }

    @Override
    public void refused(String policy, long latencyNanos) {
        stats(policy).refused(latencyNanos);
    }

    @Override
    public void refunded(String policy, int cost, boolean taken) {
        stats(policy).refunded(taken);
    }

    @Override
    public void released(String policy, boolean taken) {
        stats(policy).released(taken);
    }

    @Override
    public void leaseExpired(String policy) {
        stats(policy).leaseExpired();
    }

    /** The counters of a configured policy. */
    public PolicyStats stats(String policy) {
        PolicyStats stats = byPolicy.get(policy);
        if (stats == null) {
            throw new IllegalArgumentException("no metrics for unknown policy '" + policy + "'");
        }
        return stats;
    }

    /** Every policy's counters, by name. */
    public Map<String, PolicyStats> all() {
        return byPolicy;
    }
}
