package io.jakartaredis.limiter;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one {@link RateLimiter#tryAcquire}, {@link RateLimiter#acquire} or
 * {@link RateLimiter#peek} call. Numbers describe the tightest limit of
 * the policy: when allowed, the one with the fewest tokens left; when rejected, the one that
 * blocks longest. Serializable, so that a {@link RateLimitExceededException} keeps it across a
 * pass-by-value call ({@code @Remote} interfaces).
 *
 * @param policy           the policy name
 * @param allowed          whether the tokens were taken
 * @param limit            capacity of the tightest limit, in tokens (with the {@code local} failure
 *                         policy on several nodes, this node's share of it)
 * @param window           refill window of the tightest limit
 * @param remaining        whole tokens left in the limit with the fewest (every limit is charged)
 * @param retryAfterMillis milliseconds until the same cost could pass: 0 for a call that was simply
 *                         admitted; greater for a rejection, and also for allowed decisions of a
 *                         policy in shadow mode (a shadow rejection carries the rejection's, an
 *                         {@link RateLimiter#acquire acquire} the wait it would have had)
 * @param resetAfterMillis milliseconds until the tightest limit is full again
 * @param limitIndex       0-based index of the tightest limit in the policy's limits
 * @param shadowRejected   the policy is in shadow mode and would have rejected this call, which
 *                         proceeds ({@code allowed} is {@code true}) having taken nothing
 * @param tokensTaken      the cost was taken from the policy's bucket in Redis, so that a
 *                         {@link RateLimiter#refund refund} gives back what this call took: true for
 *                         admitted {@link RateLimiter#acquire acquire} calls too; false for
 *                         rejections, shadow rejections, calls that a failure policy decided and
 *                         every {@link RateLimiter#peek peek} (it takes nothing)
 * @param tier             the tier whose limits decided, {@code ""} for the policy's own limits
 * @param leaseId          the concurrency slot that this admitted call holds until it is
 *                         {@link RateLimiter#release released}, an opaque text naming the lease and
 *                         the client; {@code null} when it holds none (a policy without a concurrency
 *                         limit, a rejection, a shadow rejection, a failure policy's admission but
 *                         for {@code local}'s, which holds a slot of this node)
 * @param freeSlots        the free slots of the policy's concurrency limit after this decision (for
 *                         a peek: as they are), -1 for a policy without one. When the concurrency
 *                         limit rejected, {@code limitIndex} is the number of the policy's limits
 *                         (the index after the last), {@code limit} the slots, {@code window} the
 *                         lease timeout and {@code remaining} 0
 */
public record Decision(String policy, boolean allowed, long limit, Duration window, long remaining,
                       long retryAfterMillis, long resetAfterMillis, int limitIndex, boolean shadowRejected,
                       boolean tokensTaken, String tier, String leaseId, long freeSlots) implements Serializable {

    /** The policy's own limits, no tier. */
    public static final String DEFAULT_TIER = "";

    public Decision {
        Objects.requireNonNull(tier, "tier");
    }

    /** A decision of a policy without a concurrency limit. */
    public Decision(String policy, boolean allowed, long limit, Duration window, long remaining,
                    long retryAfterMillis, long resetAfterMillis, int limitIndex, boolean shadowRejected,
                    boolean tokensTaken, String tier, String leaseId) {
        this(policy, allowed, limit, window, remaining, retryAfterMillis, resetAfterMillis, limitIndex, shadowRejected,
                tokensTaken, tier, leaseId, -1);
    }

    /** A decision under the policy's own limits that holds no concurrency slot. */
    public Decision(String policy, boolean allowed, long limit, Duration window, long remaining,
                    long retryAfterMillis, long resetAfterMillis, int limitIndex, boolean shadowRejected,
                    boolean tokensTaken) {
        this(policy, allowed, limit, window, remaining, retryAfterMillis, resetAfterMillis, limitIndex, shadowRejected,
                tokensTaken, DEFAULT_TIER, null);
    }

    /** A decision of Redis, not in shadow mode: the tokens were taken when it is allowed. */
    public Decision(String policy, boolean allowed, long limit, Duration window, long remaining,
                    long retryAfterMillis, long resetAfterMillis, int limitIndex) {
        this(policy, allowed, limit, window, remaining, retryAfterMillis, resetAfterMillis, limitIndex, false, allowed);
    }

    /** A decision of Redis about the policy's first limit (of a policy with one limit). */
    public Decision(String policy, boolean allowed, long limit, Duration window, long remaining,
                    long retryAfterMillis, long resetAfterMillis) {
        this(policy, allowed, limit, window, remaining, retryAfterMillis, resetAfterMillis, 0);
    }

    /** Whether this call holds a concurrency slot, to {@link RateLimiter#release release} after it. */
    public boolean holdsSlot() {
        return leaseId != null;
    }

    /** {@link #retryAfterMillis()} in whole seconds, rounded up. */
    public long retryAfterSeconds() {
        return (retryAfterMillis + 999) / 1000;
    }
}
