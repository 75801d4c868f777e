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
 * next shadow rejection that is due, so no thread is needed; the MBean counts are always current.
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
    private long sinceLastLine;
    private boolean clientsOverflowed;

    ShadowLog(Logger log, PolicyConfig policy, Duration interval, LongSupplier nanoClock) {
        this.log = log;
        this.policy = policy;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** A call of {@code clientKey} (safe form) that the policy would have rejected with {@code rejection}. */
    synchronized void wouldHaveRejected(Decision rejection, String clientKey) {
        long now = nanoClock.getAsLong();
        sinceLastLine++;
        if (byClient.containsKey(clientKey) || byClient.size() < MAX_TRACKED_CLIENTS) {
            byClient.merge(clientKey, 1L, Long::sum);
        } else {
            clientsOverflowed = true;
        }
        if (loggedEver && now - lastLineNanos < intervalNanos) {
            return;
        }
        if (sinceLastLine == 1) {
            log.log(Level.INFO, "Policy " + policy.name() + " (shadow mode) would have rejected " + clientKey
                    + " (limit " + policy.limits().get(rejection.limitIndex()) + ", retry after "
                    + rejection.retryAfterMillis() + " ms); the call proceeds. Further shadow rejections: at most one line per "
                    + intervalNanos / 1_000_000_000L + " s");
        } else {
            log.log(Level.INFO, "Policy " + policy.name() + " (shadow mode) would have rejected " + sinceLastLine + " calls of "
                    + (clientsOverflowed ? "more than " : "") + byClient.size() + " clients in the last "
                    + (now - lastLineNanos) / 1_000_000L + " ms; most rejected: " + topClients());
        }
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
