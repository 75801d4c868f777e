package io.jakartaredis.limiter.config;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How long {@code RateLimiter#acquire} may wait for its tokens ({@code @RateLimited(maxWait)},
 * {@code limiter.policy.<name>.max-wait}): zero (no waiting) up to {@link #LONGEST}. Within the
 * bounds of {@link Limit} the script keeps every reservation exact; a calendar limit is never
 * owed, so a reservation passes it only when the cost fits in its current period.
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
     * The wait in whole ms (rounded down), checked for a call under {@code policy}.
     *
     * @throws IllegalArgumentException naming the value and the policy, when negative or longer than {@link #LONGEST}
     */
    public static long checkedMillis(Duration maxWait, PolicyConfig policy) {
        if (maxWait.isNegative() || maxWait.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("maxWait of policy '" + policy.name() + "' must be between 0 and "
                    + Durations.format(LONGEST) + ", was " + maxWait);
        }
        return maxWait.toMillis();
    }
}
