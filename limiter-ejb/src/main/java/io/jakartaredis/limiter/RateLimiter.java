package io.jakartaredis.limiter;

import java.time.Duration;

import io.jakartaredis.limiter.config.PolicyConfig;

/**
 * Decides whether a client may proceed under a named policy. Each decision is one atomic round
 * trip to Redis, so every node and thread sharing the Redis shares the limit exactly.
 *
 * <p>In a Jakarta EE application, inject it: {@code @Inject RateLimiter limiter;}.
 *
 * <p>A policy with tiers ({@code limiter.policy.<name>.tiers.<tier>.limits}) applies the limits of
 * the tier named in each call; the calls without a tier, and those naming {@code null}, a blank
 * name or a tier the policy does not have, apply the policy's own limits
 * ({@link Decision#DEFAULT_TIER}; an unknown name is logged, at most once per policy per minute).
 * A client has one bucket whatever its tier, so a tier change follows the rules for changed limits:
 * a downgrade owes at least what was used. {@link Decision#tier()} names the tier that decided.
 */
public interface RateLimiter {

    /**
     * Takes {@code cost} tokens from every limit of the policy for this client, or none. Under a
     * policy with a concurrency limit ({@code limiter.policy.<name>.concurrency}) an admitted call
     * also holds one of its slots, whatever its cost, until {@link #release released}; when every
     * slot is held it is rejected at once and takes no token.
     *
     * @param policy    a configured policy name ({@code limiter.policy.<name>.limits})
     * @param clientKey who is limited: an IP address, a user, an API key; any string (long or
     *                  unusual ones are hashed before they reach Redis)
     * @param cost      tokens to take, at least 1 and at most the policy's smallest capacity
     * @return the decision, allowed or not, with what remains and when to retry
     * @throws IllegalArgumentException        for an unknown policy or a cost out of range
     * @throws RateLimiterUnavailableException when Redis cannot be asked
     */
    default Decision tryAcquire(String policy, String clientKey, int cost) {
        return tryAcquire(policy, Decision.DEFAULT_TIER, clientKey, cost);
    }

    /**
     * {@link #tryAcquire(String, String, int)} under the limits of the client's tier.
     *
     * @param tier a tier of the policy; {@code null}, blank or unknown: the policy's own limits
     */
    Decision tryAcquire(String policy, String tier, String clientKey, int cost);

    /**
     * What {@link #tryAcquire(String, String, int)} of that cost would decide now, taking and
     * writing nothing: one read-only round trip ({@code EVALSHA_RO}), which a read-only replica
     * could answer too. {@code allowed}, {@code retryAfterMillis}, {@code limit} and
     * {@code limitIndex} are what that call would get; {@code remaining} and
     * {@code resetAfterMillis} are the bucket as it is, before any cost ({@code remaining} is the
     * call's plus {@code cost} when it would pass). {@code tokensTaken} is false. Not a decision:
     * statistics do not count it.
     *
     * @throws IllegalArgumentException        for an unknown policy or a cost out of range
     * @throws RateLimiterUnavailableException when Redis cannot be asked and the policy's failure
     *                                         policy is {@code closed}
     */
    default Decision peek(String policy, String clientKey, int cost) {
        return peek(policy, Decision.DEFAULT_TIER, clientKey, cost);
    }

    /**
     * {@link #peek(String, String, int)} under the limits of the client's tier.
     *
     * @param tier a tier of the policy; {@code null}, blank or unknown: the policy's own limits
     */
    Decision peek(String policy, String tier, String clientKey, int cost);

    /**
     * Gives {@code cost} tokens back to every limit of the policy for this client, never above
     * capacity, in one atomic round trip: for a call that, after it ran, should not have counted.
     * A bucket that is full (or has expired) stays as it is; one that the refund fills is deleted.
     * A limit configured after the tokens were taken, without a stored state, gets nothing. A refund
     * that Redis cannot take is lost, logged as outages are (rate-limited), and never thrown. A
     * rejection that another node remembers ({@code limiter.deny-cache}) may still hold there until
     * its retry-after, at most {@code limiter.deny-cache.max-time}.
     *
     * @throws IllegalArgumentException for an unknown policy or a cost out of range
     */
    default void refund(String policy, String clientKey, int cost) {
        refund(policy, Decision.DEFAULT_TIER, clientKey, cost);
    }

    /**
     * {@link #refund(String, String, int)} under the limits of the client's tier: give back under
     * the tier that the tokens were taken under ({@link Decision#tier()}): under another tier it
     * gives back to that tier's limits, which the take charged only up to empty, so it can return
     * tokens that were never taken.
     *
     * @param tier a tier of the policy; {@code null}, blank or unknown: the policy's own limits
     */
    void refund(String policy, String tier, String clientKey, int cost);

    /**
     * Takes {@code cost} tokens, waiting up to {@code maxWait} for them rather than being rejected:
     * one atomic round trip reserves the next free slot in Redis (the bucket may owe up to
     * {@code maxWait} ahead of now, so callers on every node get consecutive slots, first come
     * first served), then this thread sleeps until its slot. When the slot would be later than
     * {@code maxWait}, nothing is taken and the rejection returns at once, its retry-after the wait
     * it would have needed. An interrupted wait gives its tokens back, restores the interrupt flag
     * and returns a rejection whose retry-after is the wait that was left. Statistics count the
     * reservation as admitted (Redis admitted it) and then the refund ({@code Refunded} or
     * {@code RefundsLost}), so {@code Admitted - Refunded} stays what Redis holds; no rejection is
     * counted and no rejection event fires. A thread already interrupted when it calls, which cannot
     * wait, gets a plain take ({@code maxWait} 0): a real decision, allowed when the tokens are there
     * now, else a rejection with its real retry-after (a shadow rejection under shadow mode),
     * counted and evented as any. A policy in shadow mode reserves as when enforced but never waits: a
     * slot within {@code maxWait} is allowed at once, {@code tokensTaken} true, its retry-after the
     * wait it would have had; one beyond it is a shadow rejection. An admitted decision of an
     * enforced policy has {@code tokensTaken} true and no retry-after. When Redis cannot decide,
     * the failure policy decides at once, without waiting. Under a concurrency limit a reservation
     * never waits for a slot: it is rejected at once when every slot is held; else it takes its slot
     * when it is made (held while it waits, its lease counted from its reserved time), and a wait cut
     * short releases it.
     *
     * @param maxWait the longest wait, rounded down to whole ms: 0 (a take) to one hour
     *                ({@link io.jakartaredis.limiter.config.MaxWait#LONGEST}); a calendar limit is
     *                never owed: the cost must fit in its current period
     * @throws IllegalArgumentException        for an unknown policy, a cost out of range or a
     *                                         negative or too long {@code maxWait}, naming it
     * @throws RateLimiterUnavailableException when Redis cannot decide and the policy's failure
     *                                         policy is {@code closed}
     * @throws IllegalStateException           once the limiter's close has begun (Redis is not asked)
     */
    default Decision acquire(String policy, String clientKey, int cost, Duration maxWait) {
        return acquire(policy, Decision.DEFAULT_TIER, clientKey, cost, maxWait);
    }

    /**
     * {@link #acquire(String, String, int, Duration)} under the limits of the client's tier.
     *
     * @param tier a tier of the policy; {@code null}, blank or unknown: the policy's own limits
     */
    Decision acquire(String policy, String tier, String clientKey, int cost, Duration maxWait);

    /**
     * Gives back the concurrency slot that an admitted decision holds ({@link Decision#leaseId()}),
     * in one atomic round trip; a no-op for a decision that holds none. Call it once the call has
     * ended, also when it threw:
     *
     * <pre>
     * Decision decision = limiter.tryAcquire("reports", tenant);
     * if (!decision.allowed()) {
     *     throw RateLimitExceededException.of(decision);
     * }
     * try {
     *     return buildReport(tenant);
     * } finally {
     *     limiter.release(decision);
     * }
     * </pre>
     *
     * Never throws for a Redis failure: a release that Redis cannot take is lost, logged as
     * outages are (rate-limited) and counted ({@code ReleasesLost}); the slot then frees when its
     * lease times out ({@code limiter.policy.<name>.lease-timeout}). Releasing a lease that has
     * expired, or releasing twice, is harmless. A release gives back no tokens (see {@link #refund}).
     *
     * @throws IllegalArgumentException for a decision of an unknown policy, or a lease id not of
     *                                  the shape this limiter makes (checked before Redis is asked:
     *                                  it never counts as a Redis failure)
     */
    void release(Decision decision);

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

    /** {@link #peek(String, String, int)} for a cost of one token. */
    default Decision peek(String policy, String clientKey) {
        return peek(policy, clientKey, 1);
    }
}
