package io.jakartaredis.limiter.demo.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LoadReportTest {

    private static final long MS = 1_000_000;

    @Test
    void checksUseTheMedianOfTheRoundsAndSayWhetherPipeliningWasOn() {
        Map<LoadCase, List<Measurement>> rounds = new LinkedHashMap<>();
        // No rule: 100 requests of 1 ms per round. Generous limit: 90 of 1.2 ms, but 10 of 5 ms in the one round a neighbour slowed.
        rounds.put(loadCase("no rule", 200), List.of(stretch(100, 1, 200), stretch(100, 1, 200), stretch(100, 1, 200)));
        rounds.put(loadCase("generous limit", 200), List.of(stretch(90, 1.2, 200), stretch(10, 5, 200), stretch(90, 1.2, 200)));
        rounds.put(loadCase("exhausted limit", 429), List.of(stretch(150, 0.5, 429), stretch(150, 0.5, 429), stretch(150, 0.5, 429)));

        String report = LoadReport.markdown(settings(true), rounds, 9);

        assertTrue(report.contains("| generous limit / no rule: throughput | 0.90 | 0.10–0.90 over 3 rounds | 0.63 | ≥ 0.85 | PASS |"), report);
        assertTrue(report.contains("| generous limit / no rule: p99 latency | 1.20 | 1.20–5.00 over 3 rounds | 5.00 | ≤ 1.30 | PASS |"), report);
        assertTrue(report.contains("| exhausted limit / no rule: throughput | 1.50 |"), report);
        assertTrue(report.contains("Pipelining on (`limiter.redis.pipelining=true`)"), report);
        assertTrue(LoadReport.markdown(settings(false), rounds, 9).contains("Pipelining off"), report);
    }

    @Test
    void aMedianUnderTheTargetFails() {
        Map<LoadCase, List<Measurement>> rounds = new LinkedHashMap<>();
        rounds.put(loadCase("no rule", 200), List.of(stretch(100, 1, 200)));
        rounds.put(loadCase("generous limit", 200), List.of(stretch(80, 1.4, 200)));
        rounds.put(loadCase("exhausted limit", 429), List.of(stretch(100, 1, 429)));

        String report = LoadReport.markdown(settings(true), rounds, 3);

        assertTrue(report.contains("| generous limit / no rule: throughput | 0.80 | 0.80–0.80 over 1 round | 0.80 | ≥ 0.85 | **FAIL** |"), report);
        assertTrue(report.contains("| generous limit / no rule: p99 latency | 1.40 | 1.40–1.40 over 1 round | 1.40 | ≤ 1.30 | **FAIL** |"), report);
    }

    private static LoadCase loadCase(String name, int status) {
        return new LoadCase(name, "`GET /api/hello`", null, "/api/hello", status);
    }

    /** {@code requests} of {@code millis} each within one second. */
    private static Measurement stretch(int requests, double millis, int status) {
        long[] latencies = new long[requests];
        Arrays.fill(latencies, (long) (millis * MS));
        return new Measurement(1_000 * MS, latencies, Map.of(status, (long) requests));
    }

    private static LoadSettings settings(boolean pipelining) {
        Path none = Path.of("target/none");
        return new LoadSettings(none, none, none, none, "6.test", 16, Duration.ofSeconds(1), Duration.ofSeconds(1), 3, 1_000,
                pipelining);
    }
}
