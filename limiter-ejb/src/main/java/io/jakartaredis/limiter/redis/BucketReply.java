package io.jakartaredis.limiter.redis;

/**
 * What {@code token_bucket.lua} answered; see the script's header.
 *
 * @param allowed          whether the cost was taken from every limit (a peek: would be; a refund:
 *                         whether there were stored limits to give it back to)
 * @param remaining        whole tokens left in the limit with the fewest, including stored limits that
 *                         the caller does not configure
 * @param retryAfterMillis ms until the cost is covered: 0 when allowed now; for a reservation that
 *                         was allowed, the wait until its slot; when rejected, until the cost could pass
 * @param resetAfterMillis ms until the tightest limit is full again
 * @param limit            capacity of the tightest limit
 * @param limitIndex       0-based index of the tightest limit in the policy's list
 */
public record BucketReply(boolean allowed, long remaining, long retryAfterMillis, long resetAfterMillis,
                          long limit, int limitIndex) {
}
