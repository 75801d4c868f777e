package io.jakartaredis.limiter.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.PolicyConfig;

/**
 * Logs one shadow policy's would-be rejections without flooding the server log: the first of a
 * quiet period at once, then at most one line per interval summarising those since the previous
 * line (count, distinct clients, the clients most often rejected). A summary is written by the
 * next shadow rejection that is due, so no thread is needed, or by {@link #flush()} at close; the
 * MBean counts are always current.
 * Client keys are in their safe form, never the raw input. Thread-safe; used only on shadow
 * rejections.
 */
final class ShadowLog {

    /** Clients tracked per line: enough to tell a few heavy clients from many light ones, bounded under a flood. */
    static final int MAX_TRACKED_CLIENTS = 1_000;
    private static final int TOP_CLIENTS = 3;

    private final Logger log;
    private final PolicyConfig policy;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Long> byClient = new HashMap<>();

    private boolean loggedEver;
    private long lastLineNanos;
    private long firstPendingNanos;
    private long sinceLastLine;
    private boolean clientsOverflowed;

    ShadowLog(Logger log, PolicyConfig policy, Duration interval, LongSupplier nanoClock) {
        this.log = log;
        this.policy = policy;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** A call of {@code clientKey} (safe form) that the policy would have rejected with {@code rejection}. */
    void wouldHaveRejected(Decision rejection, String clientKey) {
        String line = record(rejection, clientKey);
        if (line != null) {
            log.log(Level.INFO, line); // outside the lock: a slow appender delays only this call
        }
    }

    /** Writes the summary of the rejections not yet logged, if any: at close, so the final count is not lost. */
    void flush() {
        String line;
        synchronized (this) {
            line = sinceLastLine == 0 ? null : summary(nanoClock.getAsLong());
        }
        if (line != null) {
            log.log(Level.INFO, line);
        }
    }

    /** @return the line to log now, or {@code null} */
    private synchronized String record(Decision rejection, String clientKey) {
        long now = nanoClock.getAsLong();
        if (sinceLastLine == 0) {
            firstPendingNanos = now;
        }
        sinceLastLine++;
        if (byClient.containsKey(clientKey) || byClient.size() < MAX_TRACKED_CLIENTS) {
            byClient.merge(clientKey, 1L, Long::sum);
        } else {
            clientsOverflowed = true;
        }
        if (loggedEver && now - lastLineNanos < intervalNanos) {
            return null;
        }
        if (sinceLastLine == 1) {
            String line = "Policy " + policy.name() + " (shadow mode) would have rejected " + clientKey
                    + " (limit " + limitOf(rejection) + ", retry after "
                    + rejection.retryAfterMillis() + " ms); the call proceeds. Further shadow rejections: at most one line per "
                    + intervalNanos / 1_000_000_000L + " s";
            reset(now);
            return line;
        }
        return summary(now);
    }

    /**
     * The limit that rejected: one of the limits of the decision's tier, or its concurrency limit
     * (the index after them), with the tier named when it is not the policy's own.
     */
    private String limitOf(Decision rejection) {
        String tier = rejection.tier();
        PolicyConfig applied = policy.tiers().containsKey(tier) ? policy.forTier(tier) : policy;
        int index = rejection.limitIndex();
        String limit = index < applied.limits().size() ? applied.limits().get(index).toString()
                : String.valueOf(applied.concurrency());
        return applied == policy ? limit : limit + " of tier '" + tier + "'";
    }

    /** The summary of the pending rejections, which it clears; "in the last" spans from the first of them. */
    private String summary(long now) {
        String line = "Policy " + policy.name() + " (shadow mode) would have rejected " + sinceLastLine + " calls of "
                + (clientsOverflowed ? "more than " : "") + byClient.size() + " clients in the last "
                + (now - firstPendingNanos) / 1_000_000L + " ms; most rejected: " + topClients();
        reset(now);
        return line;
    }

    private void reset(long now) {
        loggedEver = true;
        lastLineNanos = now;
        sinceLastLine = 0;
        byClient.clear();
        clientsOverflowed = false;
    }

    private String topClients() {
        return byClient.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_CLIENTS).map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }
}
