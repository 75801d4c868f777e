package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.LoggedLines;

/** Readiness problems reach the log once per change, then at most once per interval, on a fake clock. */
class ReadinessLogTest {

    private static final long SECOND = 1_000_000_000L;

    private final LoggedLines logged = new LoggedLines();
    private final List<String> lines = logged.lines;
    private long nanos = 1_000 * SECOND;
    private final ReadinessLog log = new ReadinessLog(logged, Duration.ofMinutes(1), () -> nanos);

    @Test
    void oneLinePerChangeThenOnePerIntervalThenOneWhenUpAgain() {
        for (int i = 0; i < 12; i++) { // a check every 5 s for 55 s
            log.down("unreachable", "Connection refused", Level.WARNING);
            nanos += 5 * SECOND;
        }
        assertEquals(List.of("WARNING Rate limiter not ready (unreachable), so the failure policies decide: Connection refused"),
                lines);

        log.down("unreachable", "Connection refused", Level.WARNING); // 60 s after the first line
        log.down("script-failed", "OOM", Level.WARNING); // a new reason waits for the interval too
        log.down("script-failed", "OOM", Level.ERROR); // but an ERROR, logged once by the probe, does not
        nanos += 5 * SECOND;
        log.up();
        log.up();
        assertEquals(List.of(
                "WARNING Rate limiter not ready (unreachable), so the failure policies decide: Connection refused",
                "WARNING Rate limiter not ready (unreachable) for 60000 ms, so the failure policies decide: Connection refused",
                "ERROR Rate limiter not ready (script-failed) for 60000 ms, so the failure policies decide: OOM",
                "INFO Rate limiter ready again: Redis runs the token-bucket script after 65000 ms"), lines);
    }

    @Test
    void alternatingReasonsLogAtMostOneLineAMinute() {
        for (int i = 0; i < 120; i++) { // a check every 5 s for 10 minutes, unreachable and timeout in turn
            log.down(i % 2 == 0 ? "unreachable" : "timeout", "flapping", Level.WARNING);
            nanos += 5 * SECOND;
        }
        log.up();
        assertEquals(11, lines.size(), String.join("\n", lines)); // the first, then one a minute, then the UP line
        assertEquals("INFO Rate limiter ready again: Redis runs the token-bucket script after 600000 ms", lines.get(10));
    }
}
