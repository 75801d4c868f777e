package io.jakartaredis.limiter.benchmarks;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole harness in its smoke mode (seconds), so that CI proves it works without benchmarking. */
class BenchmarkHarnessSmokeTest {

    @Test
    void smokeRunWritesReportWithEveryScenarioChartBatchSizesAndOneCommandPerDecision(@TempDir Path output) throws Exception {
        Path report = BenchmarkMain.run(BenchmarkMode.SMOKE, output);

        String markdown = Files.readString(report);
        assertAll(Arrays.stream(Scenario.values()).map(s -> () -> assertTrue(markdown.contains("| " + s.label() + " | 1 |"),
                "no result row for " + s.label())));
        assertTrue(markdown.contains("## Targets"), markdown);
        assertTrue(markdown.contains("ours: tryAcquire, 1 hot key, 4 thr: commands sent per decision | 1.00 | = 1.00 | PASS"),
                markdown);
        assertTrue(markdown.contains("10,000 keys, 1 thr: ours p50 / unpipelined floor p50 |"), markdown);
        assertTrue(markdown.contains("## Pipelined writes"), markdown);
        assertAll(Arrays.stream(Scenario.values()).filter(Scenario::pipelining).map(s -> () -> assertTrue(
                markdown.matches("(?s).*\\| " + java.util.regex.Pattern.quote(s.label()) + " \\| 4 \\| [1-9][0-9,]* \\| [1-9].*"),
                "no pipelined writes counted for " + s.label() + " at 4 threads")));
        assertTrue(markdown.contains("MEMORY USAGE"), markdown);
        assertTrue(Files.size(output.resolve("benchmark.png")) > 1_000, "chart missing or empty");
    }
}
