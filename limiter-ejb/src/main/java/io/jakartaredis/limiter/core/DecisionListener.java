package io.jakartaredis.limiter.core;

import io.jakartaredis.limiter.Decision;

/**
 * Told about every decision of a {@link RedisRateLimiter}, on the caller's thread: keep it cheap
 * and let it not throw. The port through which metrics and events leave the core.
 */
public interface DecisionListener {

    /** Listens to nothing. */
    DecisionListener NONE = new DecisionListener() {
        @Override
        public void decided(Decision decision, String clientKey, DecidedBy decidedBy, long latencyNanos) {
        }

        @Override
        public void refused(String policy, long latencyNanos) {
        }
    };

    /**
     * A decision was made, allowed or not.
     *
     * @param clientKey    the client key in its safe form, as in the Redis key (unusual keys hashed)
     * @param decidedBy    Redis, the deny cache, or the failure policy ({@code open} or {@code local})
     * @param latencyNanos how long the decision took
     */
    void decided(Decision decision, String clientKey, DecidedBy decidedBy, long latencyNanos);

    /** The failure policy {@code closed} refused a call because Redis could not decide. */
    void refused(String policy, long latencyNanos);

    /**
     * A refund: {@code taken} when Redis took it, else it was lost (Redis could not be asked) and
     * the tokens stay taken. Not a decision.
     */
    default void refunded(String policy, int cost, boolean taken) {
    }

    /**
     * A concurrency slot given back by {@link RedisRateLimiter#release}: {@code taken} when Redis (or,
     * for a slot of the {@code local} failure policy, this node) took it and it freed a live lease
     * (else {@link #leaseExpired}), else it was lost and the
     * slot frees when its lease times out. Not a decision.
     */
    default void released(String policy, boolean taken) {
    }

    /**
     * A release by {@link RedisRateLimiter#release} that Redis took, of a lease that had already
     * expired (its call outlived the lease timeout, or it was released twice): it freed no slot.
     * Not a decision.
     */
    default void leaseExpired(String policy) {
    }

    /** This listener, then {@code next}. */
    default DecisionListener andThen(DecisionListener next) {
        DecisionListener first = this;
        return new DecisionListener() {
            @Override
            public void decided(Decision decision, String clientKey, DecidedBy decidedBy, long latencyNanos) {
                first.decided(decision, clientKey, decidedBy, latencyNanos);
                next.decided(decision, clientKey, decidedBy, latencyNanos);
            }

            @Override
            public void refused(String policy, long latencyNanos) {
                first.refused(policy, latencyNanos);
                next.refused(policy, latencyNanos);
            }

            @Override
            public void refunded(String policy, int cost, boolean taken) {
                first.refunded(policy, cost, taken);
                next.refunded(policy, cost, taken);
            }

            @Override
            public void released(String policy, boolean taken) {
                first.released(policy, taken);
                next.released(policy, taken);
            }

            @Override
            public void leaseExpired(String policy) {
                first.leaseExpired(policy);
                next.leaseExpired(policy);
            }
        };
    }
}
