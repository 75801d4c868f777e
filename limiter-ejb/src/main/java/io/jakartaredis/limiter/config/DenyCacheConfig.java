package io.jakartaredis.limiter.config;

import java.time.Duration;

/**
 * The local deny cache: after Redis rejected a (policy, client) with a retry-after, this node
 * rejects that client's calls itself until the retry-after has passed. {@link #toString()} is one
 * line for the startup log.
 *
 * @param enabled    whether rejections are remembered at all ({@code limiter.deny-cache.enabled})
 * @param maxEntries most rejections remembered per node; expired ones, then the oldest, go first
 * @param maxTime    longest time one rejection is remembered, however long its retry-after
 */
public record DenyCacheConfig(boolean enabled, int maxEntries, Duration maxTime) {

    public static final boolean DEFAULT_ENABLED = true;
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** Bounds what a rolling configuration change or a lost bucket can make this node reject in excess. */
    public static final Duration DEFAULT_MAX_TIME = Duration.ofSeconds(10);

    /** Enabled, 10,000 entries, 10 s at most. */
    public static DenyCacheConfig defaults() {
        return new DenyCacheConfig(DEFAULT_ENABLED, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_TIME);
    }

    @Override
    public String toString() {
        return enabled ? "deny cache of " + maxEntries + " entries, each kept at most " + Durations.format(maxTime)
                : "deny cache off";
    }
}
