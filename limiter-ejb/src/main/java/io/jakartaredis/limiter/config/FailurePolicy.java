package io.jakartaredis.limiter.config;

import java.util.Locale;

/**
 * What a policy decides when Redis cannot be asked (down, too slow, circuit open, no free
 * connection): {@code limiter.policy.<name>.on-failure}, else {@code limiter.on-failure}.
 */
public enum FailurePolicy {

    /** Admit the call: availability over the limit. */
    OPEN,
    /** Refuse the call with {@code RateLimiterUnavailableException} (HTTP 503): the limit over availability. */
    CLOSED,
    /** Decide with an in-memory token bucket on this node, with the policy's limits divided by {@code limiter.local.nodes}. */
    LOCAL;

    static final String SYNTAX = "expected open, closed or local";

    /** @throws IllegalArgumentException unless the text is {@code open}, {@code closed} or {@code local} (any case) */
    static FailurePolicy parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "open" -> OPEN;
            case "closed" -> CLOSED;
            case "local" -> LOCAL;
            default -> throw new IllegalArgumentException(SYNTAX);
        };
    }

    /** As written in configuration: {@code open}, {@code closed}, {@code local}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
