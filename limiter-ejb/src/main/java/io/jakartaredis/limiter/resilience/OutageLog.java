package io.jakartaredis.limiter.resilience;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Logs an outage of Redis without flooding the server log: the first decision made without Redis
 * with its cause, then at most one summary line per interval counting the decisions made without
 * Redis (and the refunds lost) since the previous line, and one line when Redis answers again.
 * Cheap while Redis is fine: {@link #redisAnswered()} is one volatile read.
 */
public final class OutageLog {

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoClock;

    private volatile boolean inOutage;
    private boolean loggedThisOutage;
    private boolean loggedEver;
    private long outageStartNanos;
    private long lastLineNanos;
    private long withoutRedis;
    private long sinceLastLine;
    private long refundsLost;
    private long refundsLostSinceLastLine;

    /** @param interval at most one line per interval, except the line that says Redis is back */
    public OutageLog(Logger log, Duration interval, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * A decision was made without Redis.
     *
     * @param reason why, e.g. the failure's message or "the circuit is open"; never credentials
     * @param cause  the failure, logged with the first line only; may be {@code null}
     */
    public synchronized void decidedWithoutRedis(String reason, Throwable cause) {
        withoutRedis(reason, cause, false);
    }

    /**
     * A refund could not be given to Redis, and is lost: logged as part of the outage, on the same
     * lines as the decisions made without Redis.
     */
    public synchronized void refundLost(String reason, Throwable cause) {
        withoutRedis(reason, cause, true);
    }

    private void withoutRedis(String reason, Throwable cause, boolean refund) {
        long now = nanoClock.getAsLong();
        if (!inOutage) {
            inOutage = true;
            loggedThisOutage = false;
            outageStartNanos = now;
            withoutRedis = 0;
            refundsLost = 0;
        }
        if (refund) {
            refundsLost++;
            refundsLostSinceLastLine++;
        } else {
            withoutRedis++;
            sinceLastLine++;
        }
        if (loggedEver && now - lastLineNanos < intervalNanos) {
            return;
        }
        if (!loggedThisOutage) {
            log.log(Level.WARNING, "Redis cannot decide, so the failure policies decide until it answers again"
                    + " (refunds are lost meanwhile, and releases of concurrency slots, which free when their leases time out): "
                    + reason, cause);
        } else {
            log.log(Level.WARNING, "Redis still cannot decide after " + millisSince(outageStartNanos, now) + " ms: "
                    + sinceLastLine + " decisions without Redis since the last line"
                    + (refundsLostSinceLastLine > 0 ? " and " + refundsLostSinceLastLine + " refunds or releases lost" : "")
                    + "; last reason: " + reason);
        }
        loggedEver = true;
        loggedThisOutage = true;
        lastLineNanos = now;
        sinceLastLine = 0;
        refundsLostSinceLastLine = 0;
    }

    /** Redis gave a decision: ends an outage, with one line if the outage was logged. */
    public void redisAnswered() {
        if (!inOutage) {
            return;
        }
        synchronized (this) {
            if (!inOutage) {
                return;
            }
            inOutage = false;
            long now = nanoClock.getAsLong();
            if (loggedThisOutage) {
                log.log(Level.INFO, "Redis decides again after " + millisSince(outageStartNanos, now) + " ms; "
                        + withoutRedis + " decisions were made without it"
                        + (refundsLost > 0 ? " and " + refundsLost + " refunds were lost" : ""));
                lastLineNanos = now;
                sinceLastLine = 0;
                refundsLostSinceLastLine = 0;
            }
        }
    }

    private static long millisSince(long startNanos, long nowNanos) {
        return (nowNanos - startNanos) / 1_000_000;
    }
}
