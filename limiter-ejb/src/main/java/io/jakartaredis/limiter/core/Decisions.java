package io.jakartaredis.limiter.core;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.config.PolicyConfig;
import io.jakartaredis.limiter.redis.BucketReply;

/** Turns a bucket's reply, from the script or from a local bucket, into the public {@link Decision}. */
final class Decisions {

    private Decisions() {
    }

    /** A decision of the script in Redis: an allowed one took its tokens there. */
    static Decision of(PolicyConfig policy, BucketReply reply) {
        return of(policy, reply, reply.allowed());
    }

    /** A decision of this node's local bucket, which took nothing from Redis. */
    static Decision ofLocalBucket(PolicyConfig policy, BucketReply reply) {
        return of(policy, reply, false);
    }

    /** A peek's answer: what a take would decide; nothing was taken. */
    static Decision ofPeek(PolicyConfig policy, BucketReply reply) {
        return of(policy, reply, false);
    }

    /**
     * A reservation that Redis admitted, once its caller has waited {@code reply.retryAfterMillis()}
     * for its slot: no wait left, and the reset counted from now.
     */
    static Decision afterWait(PolicyConfig policy, BucketReply reply) {
        Limit tightest = policy.limits().get(reply.limitIndex());
        return new Decision(policy.name(), true, reply.limit(), tightest.window(), reply.remaining(), 0,
                Math.max(0, reply.resetAfterMillis() - reply.retryAfterMillis()), reply.limitIndex(), false, true);
    }

    /**
     * A reservation given back because its caller was interrupted {@code leftMillis} before its slot
     * (which includes the clock-rate margin): the retry-after is the wait that was left, never more
     * than Redis answered.
     */
    static Decision interrupted(PolicyConfig policy, BucketReply reply, long leftMillis) {
        Limit tightest = policy.limits().get(reply.limitIndex());
        long retryAfterMillis = Math.min(leftMillis, reply.retryAfterMillis());
        long waitedMillis = reply.retryAfterMillis() - retryAfterMillis;
        return new Decision(policy.name(), false, reply.limit(), tightest.window(), reply.remaining(), retryAfterMillis,
                Math.max(retryAfterMillis, reply.resetAfterMillis() - waitedMillis), reply.limitIndex(), false, false);
    }

    private static Decision of(PolicyConfig policy, BucketReply reply, boolean tokensTaken) {
        Limit tightest = policy.limits().get(reply.limitIndex());
        return new Decision(policy.name(), reply.allowed(), reply.limit(), tightest.window(), reply.remaining(),
                reply.retryAfterMillis(), reply.resetAfterMillis(), reply.limitIndex(), false, tokensTaken);
    }
}
