package io.jakartaredis.limiter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.jakartaredis.limiter.testkit.RedisServer;

/**
 * Runs every benchmark against a {@code redis-server} of its own and writes {@code benchmark.md},
 * {@code benchmark.png} and the JMH log into the given directory.
 *
 * <p>{@code java -Dbench.mode=short|full -cp … BenchmarkMain [output directory]}; Maven's
 * {@code -Pbench} profile runs it.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkMode mode = BenchmarkMode.named(System.getProperty("bench.mode", "short"));
        Path report = run(mode, Path.of(args.length > 0 ? args[0] : "target"));
        System.out.println(Files.readString(report));
        System.out.println("Report: " + report.toAbsolutePath() + "\nChart:  " + report.resolveSibling("benchmark.png").toAbsolutePath());
    }

    /**
     * Runs the benchmarks, probes and memory measurement in {@code mode}.
     *
     * @return the Markdown report; {@code benchmark.png} lies next to it
     */
    public static Path run(BenchmarkMode mode, Path outputDir) throws Exception {
        long start = System.nanoTime();
        Path costsDir = Files.createDirectories(outputDir.resolve("benchmark-costs"));
        try (RedisServer redis = RedisServer.start()) {
            // Forked JVMs get these as -D options; a run without forks reads them here.
            System.setProperty(BenchmarkRedis.PORT_PROPERTY, Integer.toString(redis.port()));
            System.setProperty(TrialCosts.DIR_PROPERTY, costsDir.toAbsolutePath().toString());
            log("redis-server " + redisVersion(redis.port()) + " on port " + redis.port() + ", mode " + mode);
            List<ScenarioResult> results = measure(mode, costsDir, outputDir.resolve("benchmark-jmh.log"));
            log("counting the commands each decision sends, with MONITOR");
            var roundTrips = RoundTripProbe.run(redis.port(), mode.threads(), mode.probeDecisions());
            log("measuring memory over " + mode.memoryBuckets() + " buckets");
            var memory = MemoryProbe.run(redis.port(), mode.memoryBuckets());
            log("hammering one key at 10x its limit, deny cache on and off");
            var denyCache = DenyCacheProbe.run(redis.port());
            var checks = new ArrayList<>(Targets.check(results, roundTrips, memory, mode.threads()));
            checks.addAll(Targets.checkDenyCache(denyCache));
            long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            var run = new MarkdownReport.Run(mode, Machine.describe(redisVersion(redis.port())), results, roundTrips, memory,
                    checks, elapsed, denyCache);
            BenchmarkChart.write(results, mode.threads(), outputDir.resolve("benchmark.png"));
            return Files.writeString(outputDir.resolve("benchmark.md"), MarkdownReport.render(run));
        }
    }

    /**
     * Every scenario at one thread count before the next count: the trials compared with each other
     * run minutes apart at most, so a machine whose speed drifts weighs on them alike.
     */
    private static List<ScenarioResult> measure(BenchmarkMode mode, Path costsDir, Path jmhLog) throws RunnerException {
        List<ScenarioResult> results = new ArrayList<>();
        for (int threads : mode.threads()) {
            for (Scenario scenario : Scenario.values()) {
                log(scenario.label() + " at " + threads + " threads");
                for (RunResult run : jmh(mode, scenario, threads, jmhLog)) {
                    results.add(ScenarioResult.of(run, TrialCosts.read(costsDir, scenario, threads)));
                }
            }
        }
        results.sort(Comparator.comparing(ScenarioResult::scenario).thenComparingInt(ScenarioResult::threads));
        return results;
    }

    private static Collection<RunResult> jmh(BenchmarkMode mode, Scenario scenario, int threads, Path jmhLog)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(DecisionBenchmark.class.getName() + "\\." + scenario.method() + "$")
                .threads(threads)
                .forks(mode.forks())
                .warmupIterations(mode.warmupIterations())
                .measurementIterations(mode.measureIterations())
                .measurementTime(TimeValue.milliseconds(mode.measureTime().toMillis()))
                .shouldFailOnError(true)
                .output(jmhLog.toString())
                .jvmArgsAppend("-Xmx1g", "-D" + BenchmarkRedis.PORT_PROPERTY + "=" + System.getProperty(BenchmarkRedis.PORT_PROPERTY),
                        "-D" + TrialCosts.DIR_PROPERTY + "=" + System.getProperty(TrialCosts.DIR_PROPERTY));
        if (mode.warmupIterations() > 0) {
            options.warmupTime(TimeValue.milliseconds(mode.warmupTime().toMillis()));
        }
        // JMH replaces its output file on every run; keep each run's log.
        Collection<RunResult> runs = new Runner(options.build()).run();
        appendTo(jmhLog);
        return runs;
    }

    private static void appendTo(Path jmhLog) {
        try {
            Path all = jmhLog.resolveSibling("benchmark-jmh-all.log");
            Files.writeString(all, Files.readString(jmhLog), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String redisVersion(int port) {
        try (var admin = BenchmarkRedis.admin(port)) {
            return RedisInfo.read(admin, "server").field("redis_version").orElse("?");
        }
    }

    private static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
