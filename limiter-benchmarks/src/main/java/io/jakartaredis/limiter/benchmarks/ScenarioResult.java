package io.jakartaredis.limiter.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * What one (scenario, threads) trial measured.
 *
 * @param opsPerSecond decisions per second, derived as threads / mean latency (closed loop)
 * @param p50Micros    median latency of a decision, µs
 * @param p99Micros    99th percentile, µs
 * @param p999Micros   99.9th percentile, µs
 * @param costs        Redis commands per decision in the same trial
 */
record ScenarioResult(Scenario scenario, int threads, double opsPerSecond, double p50Micros, double p99Micros,
                      double p999Micros, TrialCosts costs) {

    static ScenarioResult of(RunResult run, TrialCosts costs) {
        Scenario scenario = Scenario.ofBenchmark(run.getParams().getBenchmark());
        int threads = run.getParams().getThreads();
        Statistics latency = run.getPrimaryResult().getStatistics();
        return new ScenarioResult(scenario, threads, threads * 1_000_000 / latency.getMean(), latency.getPercentile(50),
                latency.getPercentile(99), latency.getPercentile(99.9), costs);
    }
}
