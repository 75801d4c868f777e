package io.jakartaredis.limiter.redis;

/**
 * What {@code token_bucket.lua} answered; see the script's header.
 *
 * @param allowed          whether the cost was taken from every limit (a peek: would be; a refund:
 *                         whether there were stored limits to give it back to; a release: whether
 *                         the lease was still live)
 * @param remaining        whole tokens left in the limit with the fewest, including stored limits that
 *                         the caller does not configure; free slots for a concurrency rejection or a
 *                         policy with a concurrency limit alone
 * @param retryAfterMillis ms until the cost is covered: 0 when allowed now; for a reservation that
 *                         was allowed, the wait until its slot; when rejected, until the cost could pass
 * @param resetAfterMillis ms until the tightest limit is full again
 * @param limit            capacity of the tightest limit (slots, when the concurrency limit decided)
 * @param limitIndex       0-based index of the tightest limit in the policy's list; the list's size
 *                         when the concurrency limit decided
 * @param freeSlots        free concurrency slots after the operation, -1 without a concurrency limit
 */
public record BucketReply(boolean allowed, long remaining, long retryAfterMillis, long resetAfterMillis,
                          long limit, int limitIndex, long freeSlots) {

    /** A reply without a concurrency limit. */
    public BucketReply(boolean allowed, long remaining, long retryAfterMillis, long resetAfterMillis,
                       long limit, int limitIndex) {
        this(allowed, remaining, retryAfterMillis, resetAfterMillis, limit, limitIndex, -1);
    }

    /** Whether the policy's concurrency limit answered this (full, or the only limit), not a bucket limit. */
    public boolean byConcurrency(int bucketLimits) {
        return limitIndex == bucketLimits;
    }
}
