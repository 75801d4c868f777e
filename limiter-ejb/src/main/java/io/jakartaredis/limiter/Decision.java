package io.jakartaredis.limiter;

import java.time.Duration;

/**
 * The outcome of one {@link RateLimiter#tryAcquire} call. Numbers describe the tightest limit of
 * the policy: when allowed, the one with the fewest tokens left; when rejected, the one that
 * blocks longest.
 *
 * @param policy           the policy name
 * @param allowed          whether the tokens were taken
 * @param limit            capacity of the tightest limit, in tokens
 * @param window           refill window of the tightest limit
 * @param remaining        whole tokens left in the tightest limit
 * @param retryAfterMillis 0 when allowed; else milliseconds until the same cost could pass
 * @param resetAfterMillis milliseconds until the tightest limit is full again
 */
public record Decision(String policy, boolean allowed, long limit, Duration window, long remaining,
                       long retryAfterMillis, long resetAfterMillis) {

    /** Whole seconds to wait before retrying, rounded up; 0 when allowed. */
    public long retryAfterSeconds() {
        return (retryAfterMillis + 999) / 1000;
    }
}
