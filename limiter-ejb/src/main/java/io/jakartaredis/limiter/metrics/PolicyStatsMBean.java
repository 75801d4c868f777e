package io.jakartaredis.limiter.metrics;

/**
 * The JMX view of one policy's decisions since the application started. Counts are whole
 * decisions; latencies are microseconds, measured around the whole decision (waits included).
 */
public interface PolicyStatsMBean {

    /** The policy's name. */
    String getPolicy();

    /** What the policy decides when Redis cannot: {@code open}, {@code closed} or {@code local}. */
    String getFailurePolicy();

    /** The circuit breaker's state, shared by every policy: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. */
    String getCircuitState();

    /** {@code enforce}, or {@code shadow} when calls over the limit proceed. */
    String getMode();

    /** Calls admitted, by Redis or by the failure policy; shadow rejections included. */
    long getAdmitted();

    /** Calls rejected over the limit, by Redis, by the deny cache or by a local bucket. */
    long getRejected();

    /** Calls the failure policy {@code closed} refused because Redis could not decide; counted in {@link #getFailures()} too. */
    long getRefused();

    /**
     * Calls of a policy in shadow mode that proceeded although it would have rejected them (by
     * Redis, the deny cache or a local bucket): counted in {@link #getAdmitted()}, not in
     * {@link #getRejected()}, so {@code Admitted - ShadowRejected} is what enforcing would admit.
     */
    long getShadowRejected();

    /** Of {@link #getRejected()} and {@link #getShadowRejected()}, those the deny cache answered without asking Redis. */
    long getRejectedLocally();

    /** Decisions made without Redis: admitted by {@code open}, decided by {@code local}, or refused by {@code closed}. */
    long getFailures();

    /**
     * Refunds that Redis took, counted in calls (whatever their cost), so that {@code Admitted -
     * Refunded} is the admitted calls that still count. Not decisions.
     */
    long getRefunded();

    /** Refunds that Redis could not take (down, circuit open): lost, the tokens stay taken. Not in {@link #getFailures()}. */
    long getRefundsLost();

    /**
     * Admitted calls that took a concurrency slot (in Redis, or of this node under {@code local}).
     * A call rejected because every slot was held is counted in {@link #getRejected()}.
     */
    long getSlotsAcquired();

    /**
     * Slots given back by {@code release} that Redis took while their lease was live (or this node's
     * {@code local} counter took): each freed a slot.
     */
    long getReleased();

    /** Releases that Redis could not take (down, circuit open): the slot frees when its lease times out. */
    long getReleasesLost();

    /**
     * Releases that Redis took of a lease that had already expired: a call that outlived its lease
     * timeout (one more call was let in while it ran: raise {@code lease-timeout}), or a second
     * release of one decision. They freed no slot.
     */
    long getLeasesExpired();

    /**
     * Slots this node acquired and has not yet given back, an approximation per node:
     * {@code SlotsAcquired - Released - ReleasesLost - LeasesExpired}, never below 0. A slot taken on
     * one node and released on another moves both nodes' counts.
     */
    long getInFlight();

    /** Decisions timed: admitted + rejected + refused. */
    long getDecisions();

    /** Sum of all decision latencies, µs. */
    long getLatencyTotalMicros();

    /** Mean decision latency, µs; 0 before the first decision. */
    long getLatencyMeanMicros();

    /** Longest decision latency, µs. */
    long getLatencyMaxMicros();
}
