package io.jakartaredis.limiter.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Logs why readiness is DOWN without flooding the log, as health checks poll every few seconds:
 * one line when it goes DOWN, then at most one per interval while it stays DOWN, whatever its
 * reason (an ERROR always), and one line when it is UP again.
 */
final class ReadinessLog {

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoClock;

    private String downReason;
    private long lastLineNanos;
    private long downSinceNanos;

    ReadinessLog(Logger log, Duration interval, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * @param reason the stable reason that the health output shows
     * @param detail the cause with Redis' own text, for the log only; never credentials
     */
    synchronized void down(String reason, String detail, Level level) {
        long now = nanoClock.getAsLong();
        boolean wentDown = downReason == null;
        if (wentDown) {
            downSinceNanos = now;
        }
        // A new reason waits for the interval too, or reasons that alternate (timeout, unreachable)
        // would log every check; an ERROR, which the probe logs once, never waits.
        if (wentDown || level == Level.ERROR || now - lastLineNanos >= intervalNanos) {
            String since = wentDown ? "" : " for " + (now - downSinceNanos) / 1_000_000 + " ms";
            log.log(level, "Rate limiter not ready (" + reason + ")" + since
                    + ", so the failure policies decide: " + detail);
            lastLineNanos = now;
        }
        downReason = reason;
    }

    synchronized void up() {
        if (downReason != null) {
            log.log(Level.INFO, "Rate limiter ready again: Redis runs the token-bucket script after "
                    + (nanoClock.getAsLong() - downSinceNanos) / 1_000_000 + " ms");
            downReason = null;
        }
    }
}
