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

    private static Decision of(PolicyConfig policy, BucketReply reply, boolean tokensTaken) {
        Limit tightest = policy.limits().get(reply.limitIndex());
        return new Decision(policy.name(), reply.allowed(), reply.limit(), tightest.window(), reply.remaining(),
                reply.retryAfterMillis(), reply.resetAfterMillis(), reply.limitIndex(), false, tokensTaken);
    }
}
