package io.jakartaredis.limiter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The performance targets of issue 6, each a ratio of two numbers of the same run. */
final class Targets {

    /**
     * Bytes of Redis memory one active one-limit bucket may cost: 100 while the value was a bare
     * number, 128 since it names its limit (120 measured), so that no configuration reads another's state.
     */
    static final double MAX_BYTES_PER_BUCKET = 128;
    /** With the deny cache, Redis commands per rejected call of a key hammered at 10× its limit. */
    static final double MAX_REDIS_COMMANDS_PER_LOCAL_REJECTION = 0.05;

    /** How a measured value must compare with its bound. */
    enum Comparison {
        AT_LEAST("≥"), AT_MOST("≤"), EXACTLY("=");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }
    }

    /**
     * @param actual     the measured ratio or value
     * @param comparison how it must compare with {@code bound}
     * @param bound      the target
     */
    record Check(String what, double actual, Comparison comparison, double bound) {

        boolean passed() {
            return switch (comparison) {
                case AT_LEAST -> actual >= bound;
                case AT_MOST -> actual <= bound;
                case EXACTLY -> actual == bound;
            };
        }
    }

    private Targets() {
    }

    static List<Check> check(List<ScenarioResult> results, List<RoundTripProbe.RoundTrips> roundTrips,
                             MemoryProbe.Results memory, List<Integer> threadCounts) {
        List<Check> checks = new ArrayList<>();
        for (int threads : threadCounts) {
            find(results, Scenario.OURS_SPREAD, threads).ifPresent(ours -> find(results, Scenario.FLOOR, threads).ifPresent(floor -> {
                checks.add(new Check("10,000 keys, " + threads + " thr: ours / floor throughput", ours.opsPerSecond() / floor.opsPerSecond(), Comparison.AT_LEAST, 0.85));
                checks.add(new Check("10,000 keys, " + threads + " thr: ours / floor p50", ours.p50Micros() / floor.p50Micros(), Comparison.AT_MOST, 1.2));
            }));
        }
        for (int threads : threadCounts) {
            double bound = threads >= 32 ? 10 : threads >= 8 ? 5 : 1.5;
            find(results, Scenario.OURS_HOT, threads).ifPresent(ours -> find(results, Scenario.BUCKET4J_HOT, threads).ifPresent(b4j -> {
                checks.add(new Check("hot key, " + threads + " thr: ours / Bucket4j throughput", ours.opsPerSecond() / b4j.opsPerSecond(), Comparison.AT_LEAST, bound));
                if (threads >= 32) {
                    checks.add(new Check("hot key, " + threads + " thr: Bucket4j p99 / ours p99", b4j.p99Micros() / ours.p99Micros(), Comparison.AT_LEAST, 10));
                }
            }));
        }
        for (RoundTripProbe.RoundTrips trips : roundTrips) {
            if (trips.scenario() == Scenario.OURS_SPREAD || trips.scenario() == Scenario.OURS_HOT) {
                checks.add(new Check(trips.scenario().label() + ", " + trips.threads() + " thr: client round trips per decision",
                        trips.clientCommands(), Comparison.EXACTLY, 1));
            }
        }
        MemoryProbe.Encoding oneLimit = memory.encodings().get(0);
        checks.add(new Check("memory per one-limit bucket, bytes (MEMORY USAGE)", oneLimit.memoryUsage(), Comparison.AT_MOST, MAX_BYTES_PER_BUCKET));
        return checks;
    }

    /** The deny cache spares Redis the rejections of a hammered key and admits exactly what Redis admits. */
    static List<Check> checkDenyCache(List<DenyCacheProbe.Hammering> runs) {
        List<Check> checks = new ArrayList<>();
        for (DenyCacheProbe.Hammering run : runs) {
            String what = "one key at 10× its limit, " + DenyCacheProbe.THREADS + " thr, deny cache " + (run.cacheEnabled() ? "on" : "off");
            checks.add(new Check(what + ": admitted − (capacity + refill)", run.admitted() - run.expectedAdmitted(), Comparison.EXACTLY, 0));
            if (run.cacheEnabled()) {
                checks.add(new Check(what + ": Redis commands per rejected call", run.redisCommandsPerRejection(), Comparison.AT_MOST,
                        MAX_REDIS_COMMANDS_PER_LOCAL_REJECTION));
            }
        }
        return checks;
    }

    static Optional<ScenarioResult> find(List<ScenarioResult> results, Scenario scenario, int threads) {
        return results.stream().filter(r -> r.scenario() == scenario && r.threads() == threads).findFirst();
    }
}
