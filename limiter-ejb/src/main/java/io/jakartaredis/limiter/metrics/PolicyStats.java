package io.jakartaredis.limiter.metrics;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.core.DecidedBy;

/** The counters of one policy: contention-free adders, cheap enough for every decision. */
public final class PolicyStats implements PolicyStatsMBean {

    private final PolicyConfig policy;
    private final Supplier<String> circuitState;
    private final LongAdder admitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder shadowRejected = new LongAdder();
    private final LongAdder rejectedLocally = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder refunded = new LongAdder();
    private final LongAdder refundsLost = new LongAdder();
    private final LongAdder slotsAcquired = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder releasesLost = new LongAdder();
    private final LongAdder leasesExpired = new LongAdder();
    private final LongAdder decisions = new LongAdder();
    private final LongAdder latencyTotalNanos = new LongAdder();
    private final LongAccumulator latencyMaxNanos = new LongAccumulator(Math::max, 0);
    private volatile PolicyStatsSink sink = PolicyStatsSink.NONE;

    PolicyStats(PolicyConfig policy, Supplier<String> circuitState) {
        this.policy = policy;
        this.circuitState = circuitState;
    }

    /**
     * From now on, tells {@code more} of every count and latency as well, besides the sinks told so
     * far: for a metrics API that cannot read these counters and keeps its own (set before the
     * first decision, so both agree). An application may publish to two APIs at once.
     */
    public synchronized void alsoCountIn(PolicyStatsSink more) {
        sink = sink == PolicyStatsSink.NONE ? more : PolicyStatsSink.both(sink, more);
    }

    /** A shadow rejection is admitted, and counted in {@code shadowRejected} as well. */
    void decided(boolean allowed, boolean wouldHaveRejected, boolean holdsSlot, DecidedBy decidedBy, long latencyNanos) {
        PolicyStatsSink to = sink;
        if (allowed) {
            count(admitted, PublishedCounter.ADMITTED, to);
        } else {
            count(rejected, PublishedCounter.REJECTED, to);
        }
        if (holdsSlot) {
            count(slotsAcquired, PublishedCounter.SLOTS_ACQUIRED, to);
        }
        if (wouldHaveRejected) {
            count(shadowRejected, PublishedCounter.SHADOW_REJECTED, to);
        }
        if (decidedBy == DecidedBy.DENY_CACHE) {
            count(rejectedLocally, PublishedCounter.REJECTED_LOCALLY, to);
        } else if (decidedBy == DecidedBy.FAILURE_POLICY) {
            count(failures, PublishedCounter.FAILURES, to);
        }
        timed(latencyNanos, to);
    }

    void refused(long latencyNanos) {
        PolicyStatsSink to = sink;
        count(refused, PublishedCounter.REFUSED, to);
        count(failures, PublishedCounter.FAILURES, to);
        timed(latencyNanos, to);
    }

    void refunded(boolean taken) {
        if (taken) {
            count(refunded, PublishedCounter.REFUNDED, sink);
        } else {
            count(refundsLost, PublishedCounter.REFUNDS_LOST, sink);
        }
    }

    void released(boolean taken) {
        if (taken) {
            count(released, PublishedCounter.RELEASED, sink);
        } else {
            count(releasesLost, PublishedCounter.RELEASES_LOST, sink);
        }
    }

    void leaseExpired() {
        count(leasesExpired, PublishedCounter.LEASES_EXPIRED, sink);
    }

    private static void count(LongAdder adder, PublishedCounter counter, PolicyStatsSink sink) {
        adder.increment();
        sink.counted(counter);
    }

    private void timed(long latencyNanos, PolicyStatsSink to) {
        decisions.increment();
        latencyTotalNanos.add(latencyNanos);
        latencyMaxNanos.accumulate(latencyNanos);
        to.timed(latencyNanos);
    }

    @Override
    public String getPolicy() {
        return policy.name();
    }

    @Override
    public String getFailurePolicy() {
        return policy.onFailure().toString();
    }

    @Override
    public String getCircuitState() {
        return circuitState.get();
    }

    @Override
    public long getAdmitted() {
        return admitted.sum();
    }

    @Override
    public long getRejected() {
        return rejected.sum();
    }

    @Override
    public long getRefused() {
        return refused.sum();
    }

    @Override
    public long getShadowRejected() {
        return shadowRejected.sum();
    }

    @Override
    public String getMode() {
        return policy.mode().toString();
    }

    @Override
    public long getRejectedLocally() {
        return rejectedLocally.sum();
    }

    @Override
    public long getFailures() {
        return failures.sum();
    }

    @Override
    public long getRefunded() {
        return refunded.sum();
    }

    @Override
    public long getRefundsLost() {
        return refundsLost.sum();
    }

    @Override
    public long getSlotsAcquired() {
        return slotsAcquired.sum();
    }

    @Override
    public long getReleased() {
        return released.sum();
    }

    @Override
    public long getReleasesLost() {
        return releasesLost.sum();
    }

    @Override
    public long getLeasesExpired() {
        return leasesExpired.sum();
    }

    @Override
    public long getInFlight() {
        return Math.max(0, slotsAcquired.sum() - released.sum() - releasesLost.sum() - leasesExpired.sum());
    }

    @Override
    public long getDecisions() {
        return decisions.sum();
    }

    @Override
    public long getLatencyTotalMicros() {
        return latencyTotalNanos.sum() / 1000;
    }

    @Override
    public long getLatencyMeanMicros() {
        long count = decisions.sum();
        return count == 0 ? 0 : latencyTotalNanos.sum() / count / 1000;
    }

    @Override
    public long getLatencyMaxMicros() {
        return latencyMaxNanos.get() / 1000;
    }
}
