package io.jakartaredis.limiter.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How long and how widely to measure; chosen with {@code -Dbench.mode=short|full}.
 *
 * @param threads           thread counts every scenario runs at
 * @param warmupIterations  JMH warm-up iterations per trial
 * @param warmupTime        length of one warm-up iteration
 * @param measureIterations JMH measurement iterations per trial
 * @param measureTime       length of one measurement iteration
 * @param forks             JVM forks per trial; 0 runs in this JVM (smoke test only)
 * @param probeDecisions    decisions per (scenario, threads) while counting round trips with MONITOR
 * @param memoryBuckets     buckets created to measure Redis memory per bucket
 */
public record BenchmarkMode(String name, List<Integer> threads, int warmupIterations, Duration warmupTime,
                            int measureIterations, Duration measureTime, int forks, int probeDecisions,
                            int memoryBuckets) {

    /** Seconds, for the test suite: proves that the harness works, measures nothing worth reading. */
    public static final BenchmarkMode SMOKE = new BenchmarkMode("smoke", List.of(1, 4), 0, Duration.ZERO, 1,
            Duration.ofMillis(300), 0, 200, 2_000);

    /** The default: every scenario at 1, 8 and 32 threads in about 7 minutes on two cores. */
    public static final BenchmarkMode SHORT = new BenchmarkMode("short", List.of(1, 8, 32), 2, Duration.ofSeconds(2), 3,
            Duration.ofSeconds(3), 1, 3_000, 100_000);

    /** Longer iterations and a million buckets, for numbers to publish. */
    public static final BenchmarkMode FULL = new BenchmarkMode("full", List.of(1, 8, 32), 5, Duration.ofSeconds(5), 5,
            Duration.ofSeconds(10), 1, 20_000, 1_000_000);

    /** {@code smoke}, {@code short} or {@code full}. */
    public static BenchmarkMode named(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "smoke" -> SMOKE;
            case "short", "" -> SHORT;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("bench.mode must be smoke, short or full, was " + name);
        };
    }

    @Override
    public String toString() {
        return name + " (" + (warmupIterations > 0 ? warmupIterations + " x " + warmupTime.toMillis() + " ms warm-up, " : "")
                + measureIterations + " x " + measureTime.toMillis() + " ms measured per trial, forks " + forks + ")";
    }
}
