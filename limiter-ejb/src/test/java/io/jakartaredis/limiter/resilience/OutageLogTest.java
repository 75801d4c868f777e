package io.jakartaredis.limiter.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.LoggedLines;

class OutageLogTest {

    private final FakeClock clock = new FakeClock();
    private final LoggedLines log = new LoggedLines();
    private final OutageLog outage = new OutageLog(log, Duration.ofSeconds(10), clock);

    @Test
    void anOutageLogsItsFirstFailureWithCauseThenOneSummaryPerIntervalThenItsEnd() {
        IOException cause = new IOException("Connection refused");
        for (int i = 0; i < 1_000; i++) {
            outage.decidedWithoutRedis("EVALSHA failed: Connection refused", cause);
            clock.advanceMillis(25); // 25 s in all
        }
        outage.redisAnswered();
        outage.redisAnswered();
        assertEquals(4, log.lines.size(), String.join("\n", log.lines));
        assertTrue(log.lines.get(0).startsWith("WARNING Redis cannot decide"));
        assertEquals(cause, log.causes.get(0));
        assertTrue(log.lines.get(1).contains("400 decisions without Redis since the last line"), log.lines.get(1));
        assertTrue(log.lines.get(3).startsWith("INFO Redis decides again after 25000 ms; 1000 decisions"), log.lines.get(3));
    }

    @Test
    void flappingLogsAtMostTwoLinesPerInterval() {
        for (int i = 0; i < 100; i++) {
            outage.decidedWithoutRedis("no connection", null);
            outage.redisAnswered();
            clock.advanceMillis(50); // 5 s in all
        }
        assertEquals(2, log.lines.size(), String.join("\n", log.lines));
    }

    @Test
    void costsNothingWhileRedisAnswers() {
        Supplier<Integer> lines = log.lines::size;
        outage.redisAnswered();
        assertEquals(0, lines.get());
    }
}
