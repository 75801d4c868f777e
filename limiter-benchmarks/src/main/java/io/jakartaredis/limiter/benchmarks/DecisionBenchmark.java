package io.jakartaredis.limiter.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import redis.clients.jedis.Jedis;

/**
 * One decision per invocation, in sample-time mode (every invocation's latency is sampled; the
 * harness derives throughput as threads / mean latency, exact for a closed loop without think time).
 * Each trial starts on an empty Redis and records the commands Redis ran per decision, the CPU
 * time Redis and the client used per decision, and how many commands each pipelined write carried.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionBenchmark {

    /** The contender of the running benchmark method, opened once per trial. */
    @State(Scope.Benchmark)
    public static class Trial {

        final LongAdder decisions = new LongAdder();
        Scenario scenario;
        Contender contender;
        private CommandStats before;
        private CpuTime cpuBefore;

        @Setup(Level.Trial)
        public void open(BenchmarkParams params) {
            scenario = Scenario.ofBenchmark(params.getBenchmark());
            try (Jedis admin = BenchmarkRedis.admin(BenchmarkRedis.port())) {
                admin.flushAll();
                contender = scenario.open(BenchmarkRedis.port());
                before = CommandStats.read(admin);
                cpuBefore = CpuTime.read(admin);
            }
        }

        @TearDown(Level.Trial)
        public void close(BenchmarkParams params) {
            try (Jedis admin = BenchmarkRedis.admin(BenchmarkRedis.port())) {
                CpuTime cpu = CpuTime.read(admin).perDecision(cpuBefore, decisions.sum());
                TrialCosts.write(scenario, params.getThreads(), decisions.sum(), CommandStats.read(admin).since(before), cpu,
                        TrialBatches.of(contender.batchSizes()));
            } finally {
                contender.close();
            }
        }

        boolean decide() {
            decisions.increment();
            if (!contender.decide(scenario.keys().next())) {
                throw new IllegalStateException(scenario + " rejected a call: its limits must admit every call");
            }
            return true;
        }
    }

    @Benchmark
    public boolean floor(Trial trial) {
        return trial.decide();
    }

    @Benchmark
    public boolean floorPipelined(Trial trial) {
        return trial.decide();
    }

    @Benchmark
    public boolean oursSpread(Trial trial) {
        return trial.decide();
    }

    @Benchmark
    public boolean oursHot(Trial trial) {
        return trial.decide();
    }

    @Benchmark
    public boolean oursSpreadUnpipelined(Trial trial) {
        return trial.decide();
    }

    @Benchmark
    public boolean oursHotUnpipelined(Trial trial) {
        return trial.decide();
    }

    @Benchmark
    public boolean bucket4jSpread(Trial trial) {
        return trial.decide();
    }

    @Benchmark
    public boolean bucket4jHot(Trial trial) {
        return trial.decide();
    }
}
