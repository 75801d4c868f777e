package io.jakartaredis.limiter.core;

import java.time.Duration;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.redis.BucketReply;

/**
 * Turns a bucket's reply, from the script or from a local bucket, into the public {@link Decision}.
 * A reply of the concurrency limit (every slot held, or a policy with that limit alone) has the
 * index after the policy's last limit: its limit is the slots, its window the lease timeout.
 */
final class Decisions {

    private Decisions() {
    }

    /**
     * A decision of the script in Redis: an allowed one took its tokens there, unless the policy has
     * no bucket limit (a concurrency limit alone takes no token, so there is nothing to refund), and
     * holds {@code leaseId} if not null.
     */
    static Decision of(PolicyConfig policy, BucketReply reply, String leaseId) {
        return of(policy, reply, tookTokens(policy, reply), reply.allowed() ? leaseId : null);
    }

    private static boolean tookTokens(PolicyConfig policy, BucketReply reply) {
        return reply.allowed() && !policy.limits().isEmpty();
    }

    /** A decision of the script in Redis for a policy without a concurrency limit. */
    static Decision of(PolicyConfig policy, BucketReply reply) {
        return of(policy, reply, null);
    }

    /** A decision of this node's local bucket, which took nothing from Redis; it may hold a local slot. */
    static Decision ofLocalBucket(PolicyConfig policy, BucketReply reply, String leaseId) {
        return of(policy, reply, false, reply.allowed() ? leaseId : null);
    }

    /** A peek's answer: what a take would decide; nothing was taken. */
    static Decision ofPeek(PolicyConfig policy, BucketReply reply) {
        return of(policy, reply, false, null);
    }

    /**
     * A reservation that Redis admitted, once its caller has waited {@code reply.retryAfterMillis()}
     * for its slot: no wait left, and the reset counted from now.
     */
    static Decision afterWait(PolicyConfig policy, BucketReply reply, String leaseId) {
        return new Decision(policy.name(), true, reply.limit(), window(policy, reply), reply.remaining(), 0,
                Math.max(0, reply.resetAfterMillis() - reply.retryAfterMillis()), reply.limitIndex(), false,
                tookTokens(policy, reply), Decision.DEFAULT_TIER, leaseId, reply.freeSlots());
    }

    /**
     * A reservation given back because its caller was interrupted {@code leftMillis} before its slot
     * (which includes the clock-rate margin): the retry-after is the wait that was left, never more
     * than Redis answered. Its slot, if any, was released.
     */
    static Decision interrupted(PolicyConfig policy, BucketReply reply, long leftMillis) {
        long retryAfterMillis = Math.min(leftMillis, reply.retryAfterMillis());
        long waitedMillis = reply.retryAfterMillis() - retryAfterMillis;
        return new Decision(policy.name(), false, reply.limit(), window(policy, reply), reply.remaining(), retryAfterMillis,
                Math.max(retryAfterMillis, reply.resetAfterMillis() - waitedMillis), reply.limitIndex(), false, false,
                Decision.DEFAULT_TIER, null, reply.freeSlots() < 0 ? -1 : reply.freeSlots() + 1);
    }

    private static Decision of(PolicyConfig policy, BucketReply reply, boolean tokensTaken, String leaseId) {
        return new Decision(policy.name(), reply.allowed(), reply.limit(), window(policy, reply), reply.remaining(),
                reply.retryAfterMillis(), reply.resetAfterMillis(), reply.limitIndex(), false, tokensTaken,
                Decision.DEFAULT_TIER, leaseId, reply.freeSlots());
    }

    /** The window of the limit that the reply describes: the lease timeout for the concurrency limit. */
    private static Duration window(PolicyConfig policy, BucketReply reply) {
        int index = reply.limitIndex();
        return index < policy.limits().size() ? policy.limits().get(index).window() : policy.concurrency().leaseTimeout();
    }
}
