package io.jakartaredis.limiter.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A concurrency limit: at most {@code slots} calls of one key in flight at once, across every
 * node. Each admitted call holds a lease on one slot until it is released; a lease that is never
 * released (its node died) frees its slot after {@code leaseTimeout}.
 *
 * @param slots        calls in flight at most, at least 1
 * @param leaseTimeout how long a lease holds its slot without being released, whole milliseconds
 */
public record Concurrency(int slots, Duration leaseTimeout) {

    public Concurrency {
        Objects.requireNonNull(leaseTimeout, "leaseTimeout");
    }

    public long leaseTimeoutMillis() {
        return leaseTimeout.toMillis();
    }

    @Override
    public String toString() {
        return slots + " in flight (lease " + Durations.format(leaseTimeout) + ")";
    }
}
