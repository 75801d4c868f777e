package io.jakartaredis.limiter.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How long {@code RateLimiter#acquire} may wait for its tokens ({@code @RateLimited(maxWait)},
 * {@code limiter.policy.<name>.max-wait}): zero (no waiting) up to {@link #LONGEST}, and short
 * enough that every limit's debt, {@code (window + maxWait) * tokens} in units of 1/tokens ms,
 * stays exact in the script's arithmetic (at most 2^52, as {@link Limit} keeps a window's).
 */
public final class MaxWait {

    /** The longest wait; {@code token_bucket.lua} keeps reservations up to it ({@code MAX_WAIT_MS}). */
    public static final Duration LONGEST = Duration.ofHours(1);

    private static final Pattern ZERO = Pattern.compile("0+\\s*(ms|s|m|h|d)?|pt0+(\\.0+)?s", Pattern.CASE_INSENSITIVE);

    private MaxWait() {
    }

    /**
     * @param text {@code 0}, or a duration such as {@code 500ms}, {@code 5s}, {@code PT1M}
     * @throws IllegalArgumentException when it is no duration, negative, or longer than {@link #LONGEST}
     */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        if (ZERO.matcher(trimmed).matches()) {
            return Duration.ZERO;
        }
        Duration wait;
        try {
            wait = Durations.parse(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected 0 (no waiting) or " + Durations.SYNTAX + ", at most "
                    + Durations.format(LONGEST), e);
        }
        if (wait.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("the longest wait is " + Durations.format(LONGEST));
        }
        return wait;
    }

    /**
     * The wait in whole ms (rounded down), checked against the policy's limits.
     *
     * @throws IllegalArgumentException naming the value, when negative, longer than {@link #LONGEST}
     *                                  or too long for one of the limits
     */
    public static long checkedMillis(Duration maxWait, PolicyConfig policy) {
        if (maxWait.isNegative() || maxWait.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("maxWait must be between 0 and " + Durations.format(LONGEST)
                    + ", was " + maxWait);
        }
        long millis = maxWait.toMillis();
        List<Limit> limits = policy.limits();
        for (Limit limit : limits) {
            long longest = Limit.MAX_TOKEN_MILLIS / limit.tokens() - limit.windowMillis();
            if (millis > longest) {
                throw new IllegalArgumentException("maxWait " + maxWait + " is too long for limit " + limit
                        + " of policy '" + policy.name() + "': (window + maxWait) in ms times tokens must not exceed"
                        + " 2^52, so it may wait at most " + longest + " ms");
            }
        }
        return millis;
    }
}
