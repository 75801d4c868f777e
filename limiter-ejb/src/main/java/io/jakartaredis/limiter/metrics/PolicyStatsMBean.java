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

    /** Calls admitted, by Redis or by the failure policy. */
    long getAdmitted();

    /** Calls rejected over the limit, by Redis, by the deny cache or by a local bucket. */
    long getRejected();

    /** Of {@link #getRejected()}, those the deny cache rejected without asking Redis. */
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

    /** Decisions timed: admitted + rejected + refused. */
    long getDecisions();

    /** Sum of all decision latencies, µs. */
    long getLatencyTotalMicros();

    /** Mean decision latency, µs; 0 before the first decision. */
    long getLatencyMeanMicros();

    /** Longest decision latency, µs. */
    long getLatencyMaxMicros();
}
