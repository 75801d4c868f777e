package io.jakartaredis.limiter.config;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A named policy: the limits that every call under it must pass together.
 *
 * @param name      the policy's name, as in {@code limiter.policy.<name>.limits}
 * @param limits    one or more limits, checked and consumed atomically
 * @param onFailure what it decides when Redis cannot be asked
 */
public record PolicyConfig(String name, List<Limit> limits, FailurePolicy onFailure) {

    public PolicyConfig {
        limits = List.copyOf(limits);
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one limit");
        }
        Objects.requireNonNull(onFailure, "onFailure");
    }

    /** A policy with the default failure policy, {@link ResilienceConfig#DEFAULT_ON_FAILURE}. */
    public PolicyConfig(String name, List<Limit> limits) {
        this(name, limits, ResilienceConfig.DEFAULT_ON_FAILURE);
    }

    /** The smallest capacity: no cost above it can ever pass. */
    public long smallestCapacity() {
        return limits.stream().mapToLong(Limit::tokens).min().orElseThrow();
    }

    @Override
    public String toString() {
        return name + "=" + limits.stream().map(Limit::toString).collect(Collectors.joining(", "));
    }
}
