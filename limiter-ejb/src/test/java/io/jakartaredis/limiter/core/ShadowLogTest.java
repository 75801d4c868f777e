package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.LoggedLines;
import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.config.PolicyConfig;

/** The shadow rejections' log lines, on a fake clock. */
class ShadowLogTest {

    private static final Decision REJECTION = new Decision("api", false, 5, Duration.ofMinutes(1), 0, 12_000, 60_000);

    private long nanos = 5_000_000_000L;
    private final LoggedLines log = new LoggedLines();
    private final ShadowLog shadow = new ShadowLog(log, new PolicyConfig("api", List.of(Limit.parse("5/1m"))),
            Duration.ofSeconds(10), () -> nanos);

    private void advanceMillis(long millis) {
        nanos += millis * 1_000_000L;
    }

    @Test
    void firstOfAQuietPeriodLogsAtOnceTheRestOneSummaryPerTenSeconds() {
        for (int i = 0; i < 250; i++) {
            shadow.wouldHaveRejected(REJECTION, i % 5 == 0 ? "ip:10.0.0.9" : "ip:10.0.0." + i % 3);
            advanceMillis(100); // 25 s in all
        }
        assertEquals(3, log.lines.size(), String.join("\n", log.lines));
        assertEquals("INFO Policy api (shadow mode) would have rejected ip:10.0.0.9 (limit 5/1m, retry after 12000 ms);"
                + " the call proceeds. Further shadow rejections: at most one line per 10 s", log.lines.get(0));
        // calls 1..100 (t = 0.1 s .. 10.0 s), then 101..200: 20 of 10.0.0.9 each, the rest of .0, .1 and .2 by i % 3
        assertEquals("INFO Policy api (shadow mode) would have rejected 100 calls of 4 clients in the last 9900 ms;"
                + " most rejected: ip:10.0.0.0 (27), ip:10.0.0.1 (27), ip:10.0.0.2 (26)", log.lines.get(1));
        assertEquals("INFO Policy api (shadow mode) would have rejected 100 calls of 4 clients in the last 9900 ms;"
                + " most rejected: ip:10.0.0.1 (27), ip:10.0.0.2 (27), ip:10.0.0.0 (26)", log.lines.get(2));
    }

    @Test
    void aRejectionAfterAQuietPeriodLogsAtOnceOnItsOwn() {
        shadow.wouldHaveRejected(REJECTION, "ip:1");
        advanceMillis(60_000);
        shadow.wouldHaveRejected(REJECTION, "ip:2");
        assertEquals(2, log.lines.size());
        assertEquals(true, log.lines.get(1).startsWith("INFO Policy api (shadow mode) would have rejected ip:2 (limit 5/1m"),
                log.lines.get(1));
    }

    @Test
    void pendingRejectionsAreSummarisedByTheNextOneThatIsDue() {
        shadow.wouldHaveRejected(REJECTION, "ip:1");
        advanceMillis(1_000);
        shadow.wouldHaveRejected(REJECTION, "ip:1");
        shadow.wouldHaveRejected(REJECTION, "ip:2");
        advanceMillis(120_000);
        shadow.wouldHaveRejected(REJECTION, "ip:3");
        assertEquals(List.of("INFO Policy api (shadow mode) would have rejected 3 calls of 3 clients in the last 120000 ms;"
                + " most rejected: ip:1 (1), ip:2 (1), ip:3 (1)"), log.lines.subList(1, 2));
    }

    @Test
    void aFlushWritesThePendingSummaryOnceSoTheFinalCountIsNeverLost() {
        shadow.wouldHaveRejected(REJECTION, "ip:1");
        advanceMillis(1_000);
        for (int i = 0; i < 500; i++) {
            shadow.wouldHaveRejected(REJECTION, "ip:2");
            advanceMillis(10);
        }
        shadow.flush();
        shadow.flush();
        assertEquals(List.of("INFO Policy api (shadow mode) would have rejected 500 calls of 1 clients in the last 5000 ms;"
                + " most rejected: ip:2 (500)"), log.lines.subList(1, log.lines.size()));
    }

    @Test
    void aFloodOfClientsIsTrackedUpToABound() {
        shadow.wouldHaveRejected(REJECTION, "ip:first");
        for (int i = 0; i < 5_000; i++) {
            shadow.wouldHaveRejected(REJECTION, "ip:" + i);
        }
        advanceMillis(10_000);
        shadow.wouldHaveRejected(REJECTION, "ip:0");
        assertEquals(2, log.lines.size());
        assertEquals(true, log.lines.get(1).startsWith("INFO Policy api (shadow mode) would have rejected 5001 calls of more than "
                + ShadowLog.MAX_TRACKED_CLIENTS + " clients"), log.lines.get(1));
    }
}
