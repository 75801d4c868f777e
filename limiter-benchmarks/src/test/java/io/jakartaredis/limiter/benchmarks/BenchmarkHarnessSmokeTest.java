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
    void smokeRunWritesReportWithEveryScenarioChartAndOneRoundTripPerDecision(@TempDir Path output) throws Exception {
        Path report = BenchmarkMain.run(BenchmarkMode.SMOKE, output);

        String markdown = Files.readString(report);
        assertAll(Arrays.stream(Scenario.values()).map(s -> () -> assertTrue(markdown.contains("| " + s.label() + " | 1 |"),
                "no result row for " + s.label())));
        assertTrue(markdown.contains("## Targets"), markdown);
        assertTrue(markdown.contains("ours: tryAcquire, 1 hot key, 4 thr: client round trips per decision | 1.00 | = 1.00 | PASS"),
                markdown);
        assertTrue(markdown.contains("MEMORY USAGE"), markdown);
        assertTrue(Files.size(output.resolve("benchmark.png")) > 1_000, "chart missing or empty");
    }
}
