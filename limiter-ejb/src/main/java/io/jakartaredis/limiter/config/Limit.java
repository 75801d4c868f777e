package io.jakartaredis.limiter.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One limit of a policy: at most {@code tokens} tokens, refilled continuously at
 * {@code tokens / window}. Written {@code <tokens>/<duration>}, e.g. {@code 10/1s} or {@code 1000/1h}.
 *
 * @param tokens the bucket's capacity, at least 1
 * @param window the time in which an empty bucket refills completely, whole milliseconds
 */
public record Limit(long tokens, Duration window) {

    /** Keeps {@code tokens * windowMillis} an exact integer in the script's double arithmetic. */
    static final long MAX_TOKEN_MILLIS = 1L << 52;

    static final String SYNTAX = "expected <tokens>/<duration> such as 10/1s or 1000/1h";

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,16})\\s*/\\s*(\\S+)\\s*");

    public Limit {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be at least 1, was " + tokens);
        }
        if (window.toMillis() < 1 || window.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("the window must be a positive whole number of milliseconds, was " + window);
        }
        if (Math.multiplyHigh(tokens, window.toMillis()) != 0 || tokens * window.toMillis() > MAX_TOKEN_MILLIS) {
            throw new IllegalArgumentException("tokens times window in ms must not exceed 2^52 (about 52,000,000 per day)");
        }
    }

    /**
     * Parses {@code <tokens>/<duration>}.
     *
     * @throws IllegalArgumentException with the rule that the text breaks
     */
    public static Limit parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(SYNTAX);
        }
        Duration window;
        try {
            window = Durations.parse(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the duration must be " + Durations.SYNTAX, e);
        }
        return new Limit(Long.parseLong(m.group(1)), window);
    }

    public long windowMillis() {
        return window.toMillis();
    }

    @Override
    public String toString() {
        return tokens + "/" + Durations.format(window);
    }
}
