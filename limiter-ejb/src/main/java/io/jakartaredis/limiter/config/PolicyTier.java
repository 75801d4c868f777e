package io.jakartaredis.limiter.config;

import java.util.List;

/**
 * A named tier of a policy, {@code limiter.policy.<policy>.tiers.<name>.*}: the limits (and
 * concurrency limit) that apply instead of the policy's own to the clients a
 * {@code TierResolver} puts in it. The bucket of a client is the same whatever its tier.
 *
 * @param name        the tier's name
 * @param limits      its limits; may be empty only when it has a concurrency limit
 * @param concurrency its concurrency limit, or {@code null} for none
 */
public record PolicyTier(String name, List<Limit> limits, Concurrency concurrency) {

    public PolicyTier {
        limits = List.copyOf(limits);
    }
}
