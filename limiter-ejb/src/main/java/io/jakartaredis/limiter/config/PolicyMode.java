package io.jakartaredis.limiter.config;

import java.util.Locale;

/**
 * Whether a policy's rejections are enforced: {@code limiter.policy.<name>.mode}, else
 * {@code limiter.mode}. In both modes the bucket in Redis is updated alike; only what the caller
 * sees differs.
 */
public enum PolicyMode {

    /** A call over the limit is rejected: {@code RateLimitExceededException}, HTTP 429. */
    ENFORCE,
    /** A call over the limit proceeds, counted and logged as a shadow rejection: a dry run of the limit. */
    SHADOW;

    /** @throws IllegalArgumentException unless the text is {@code enforce} or {@code shadow} (any case) */
    static PolicyMode parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "enforce" -> ENFORCE;
            case "shadow" -> SHADOW;
            default -> throw new IllegalArgumentException("expected enforce or shadow");
        };
    }

    /** As written in configuration: {@code enforce}, {@code shadow}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
