package io.jakartaredis.limiter;

import io.jakartaredis.limiter.config.PolicyConfig;

/**
 * Decides whether a client may proceed under a named policy. Each decision is one atomic round
 * trip to Redis, so every node and thread sharing the Redis shares the limit exactly.
 *
 * <p>In a Jakarta EE application, inject it: {@code @Inject RateLimiter limiter;}.
 */
public interface RateLimiter {

    /**
     * Takes {@code cost} tokens from every limit of the policy for this client, or none.
     *
     * @param policy    a configured policy name ({@code limiter.policy.<name>.limits})
     * @param clientKey who is limited: an IP address, a user, an API key; any string (long or
     *                  unusual ones are hashed before they reach Redis)
     * @param cost      tokens to take, at least 1 and at most the policy's smallest capacity
     * @return the decision, allowed or not, with what remains and when to retry
     * @throws IllegalArgumentException        for an unknown policy or a cost out of range
     * @throws RateLimiterUnavailableException when Redis cannot be asked
     */
    Decision tryAcquire(String policy, String clientKey, int cost);

    /**
     * The configured policy of that name.
     *
     * @throws IllegalArgumentException for an unknown policy
     */
    PolicyConfig policy(String name);

    /** {@link #tryAcquire(String, String, int)} with a cost of one token. */
    default Decision tryAcquire(String policy, String clientKey) {
        return tryAcquire(policy, clientKey, 1);
    }
}
