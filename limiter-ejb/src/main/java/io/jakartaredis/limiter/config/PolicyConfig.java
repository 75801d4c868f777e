package io.jakartaredis.limiter.config;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A named policy: the limits that every call under it must pass together.
 *
 * @param name      the policy's name, as in {@code limiter.policy.<name>.limits}
 * @param limits    one or more limits, checked and consumed atomically
 * @param onFailure     what it decides when Redis cannot be asked
 * @param mode          whether its rejections are enforced or only counted ({@code shadow})
 * @param shadowHeaders in shadow mode, whether the filter still sends the {@code RateLimit} fields
 */
public record PolicyConfig(String name, List<Limit> limits, FailurePolicy onFailure, PolicyMode mode,
                           boolean shadowHeaders) {

    public PolicyConfig {
        limits = List.copyOf(limits);
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one limit");
        }
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(mode, "mode");
    }

    /** An enforced policy. */
    public PolicyConfig(String name, List<Limit> limits, FailurePolicy onFailure) {
        this(name, limits, onFailure, PolicyMode.ENFORCE, false);
    }

    /** A policy with the default failure policy, {@link ResilienceConfig#DEFAULT_ON_FAILURE}. */
    public PolicyConfig(String name, List<Limit> limits) {
        this(name, limits, ResilienceConfig.DEFAULT_ON_FAILURE);
    }

    /** Whether calls over the limit proceed, counted as shadow rejections. */
    public boolean shadow() {
        return mode == PolicyMode.SHADOW;
    }

    /** Whether the filter describes this policy in its header fields: always when enforced, else with {@code shadow-headers}. */
    public boolean advertised() {
        return mode == PolicyMode.ENFORCE || shadowHeaders;
    }

    /** The smallest capacity: no cost above it can ever pass. */
    public long smallestCapacity() {
        return limits.stream().mapToLong(Limit::tokens).min().orElseThrow();
    }

    @Override
    public String toString() {
        return name + "=" + limits.stream().map(Limit::toString).collect(Collectors.joining(", "))
                + (shadow() ? " (shadow)" : "");
    }
}
