package io.jakartaredis.limiter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The performance targets, each a ratio or difference of numbers of the same run. The baseline of
 * pipelining's targets is the unpipelined floor: one {@code EVALSHA} of {@code return 1} per pooled
 * round trip, the most any limiter could do without sharing writes.
 */
final class Targets {

    /**
     * Bytes of Redis memory one active one-limit bucket may cost: 100 while the value was a bare
     * number, 128 since it names its limit (120 measured), so that no configuration reads another's state.
     */
    static final double MAX_BYTES_PER_BUCKET = 128;
    /** With the deny cache, Redis commands per rejected call of a key hammered at 10× its limit. */
    static final double MAX_REDIS_COMMANDS_PER_LOCAL_REJECTION = 0.05;
    /** Ours pipelined against the unpipelined floor's throughput, at 32 and at 8 threads. */
    static final double MIN_THROUGHPUT_VS_FLOOR_32_THREADS = 1.5;
    static final double MIN_THROUGHPUT_VS_FLOOR_8_THREADS = 1.2;
    /** At one thread nothing queues: batching must not add latency over the unpipelined floor's. */
    static final double MAX_P50_VS_FLOOR_1_THREAD = 1.1;
    /** Redis CPU per decision at 32 threads, pipelined against unpipelined. */
    static final double MAX_REDIS_CPU_PIPELINED_VS_UNPIPELINED = 0.5;
    /** Client CPU per decision above the floor's, through the same executor. */
    static final double MAX_CLIENT_CPU_ABOVE_FLOOR_MICROS = 5;

    /** How a measured value must compare with its bound; {@link #INFORMATION} is shown, not judged. */
    enum Comparison {
        AT_LEAST("≥"), AT_MOST("≤"), EXACTLY("="), INFORMATION("");

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

        static Check information(String what, double actual) {
            return new Check(what, actual, Comparison.INFORMATION, Double.NaN);
        }

        boolean judged() {
            return comparison != Comparison.INFORMATION;
        }

        boolean passed() {
            return switch (comparison) {
                case AT_LEAST -> actual >= bound;
                case AT_MOST -> actual <= bound;
                case EXACTLY -> actual == bound;
                case INFORMATION -> true;
            };
        }
    }

    /** Ours pipelined, ours unpipelined, for one key distribution. */
    private record Ours(String keys, Scenario pipelined, Scenario unpipelined) {
    }

    private static final List<Ours> OURS = List.of(
            new Ours("10,000 keys", Scenario.OURS_SPREAD, Scenario.OURS_SPREAD_UNPIPELINED),
            new Ours("hot key", Scenario.OURS_HOT, Scenario.OURS_HOT_UNPIPELINED));

    private Targets() {
    }

    static List<Check> check(List<ScenarioResult> results, List<RoundTripProbe.RoundTrips> roundTrips,
                             MemoryProbe.Results memory, List<Integer> threadCounts) {
        List<Check> checks = new ArrayList<>();
        for (Ours ours : OURS) {
            checks.addAll(againstFloor(results, ours, threadCounts));
        }
        for (Ours ours : OURS) {
            checks.addAll(cpu(results, ours, threadCounts));
        }
        checks.addAll(againstBucket4j(results, threadCounts));
        for (RoundTripProbe.RoundTrips trips : roundTrips) {
            if (trips.scenario() == Scenario.OURS_SPREAD || trips.scenario() == Scenario.OURS_HOT) {
                checks.add(new Check(trips.scenario().label() + ", " + trips.threads() + " thr: commands sent per decision",
                        trips.clientCommands(), Comparison.EXACTLY, 1));
            }
        }
        MemoryProbe.Encoding oneLimit = memory.encodings().get(0);
        checks.add(new Check("memory per one-limit bucket, bytes (MEMORY USAGE)", oneLimit.memoryUsage(), Comparison.AT_MOST, MAX_BYTES_PER_BUCKET));
        return checks;
    }

    /** Throughput and latency against the unpipelined floor; against the pipelined floor as information. */
    private static List<Check> againstFloor(List<ScenarioResult> results, Ours ours, List<Integer> threadCounts) {
        List<Check> checks = new ArrayList<>();
        for (int threads : threadCounts) {
            String what = ours.keys() + ", " + threads + " thr: ";
            ratio(results, ours.pipelined(), Scenario.FLOOR, threads, ScenarioResult::opsPerSecond).ifPresent(ratio -> {
                if (threads >= 32) {
                    checks.add(new Check(what + "ours / unpipelined floor throughput", ratio, Comparison.AT_LEAST, MIN_THROUGHPUT_VS_FLOOR_32_THREADS));
                } else if (threads >= 8) {
                    checks.add(new Check(what + "ours / unpipelined floor throughput", ratio, Comparison.AT_LEAST, MIN_THROUGHPUT_VS_FLOOR_8_THREADS));
                } else {
                    checks.add(Check.information(what + "ours / unpipelined floor throughput", ratio));
                }
            });
            if (threads == 1) {
                ratio(results, ours.pipelined(), Scenario.FLOOR, threads, ScenarioResult::p50Micros).ifPresent(ratio -> checks.add(
                        new Check(what + "ours p50 / unpipelined floor p50", ratio, Comparison.AT_MOST, MAX_P50_VS_FLOOR_1_THREAD)));
            }
            ratio(results, ours.pipelined(), Scenario.FLOOR_PIPELINED, threads, ScenarioResult::opsPerSecond).ifPresent(ratio ->
                    checks.add(Check.information(what + "ours / pipelined floor throughput", ratio)));
        }
        return checks;
    }

    /**
     * Redis CPU per decision at 32 threads, pipelined against unpipelined; the client's CPU per
     * decision above the floor's, pipelined (judged) and unpipelined (information), at every thread count.
     */
    private static List<Check> cpu(List<ScenarioResult> results, Ours ours, List<Integer> threadCounts) {
        List<Check> checks = new ArrayList<>();
        for (int threads : threadCounts) {
            String what = ours.keys() + ", " + threads + " thr: ";
            if (threads >= 32) {
                ratio(results, ours.pipelined(), ours.unpipelined(), threads, r -> r.costs().cpu().redisMicros()).ifPresent(ratio ->
                        checks.add(new Check(what + "Redis CPU per decision, ours pipelined / ours unpipelined", ratio,
                                Comparison.AT_MOST, MAX_REDIS_CPU_PIPELINED_VS_UNPIPELINED)));
            }
            difference(results, ours.pipelined(), Scenario.FLOOR_PIPELINED, threads, r -> r.costs().cpu().clientMicros()).ifPresent(micros ->
                    checks.add(new Check(what + "client CPU µs per decision, ours − floor, both pipelined", micros,
                            Comparison.AT_MOST, MAX_CLIENT_CPU_ABOVE_FLOOR_MICROS)));
            difference(results, ours.unpipelined(), Scenario.FLOOR, threads, r -> r.costs().cpu().clientMicros()).ifPresent(micros ->
                    checks.add(Check.information(what + "client CPU µs per decision, ours − floor, both unpipelined", micros)));
        }
        return checks;
    }

    /** Ours (pipelined) against Bucket4j on the hot key, where compare-and-swap retries. */
    private static List<Check> againstBucket4j(List<ScenarioResult> results, List<Integer> threadCounts) {
        List<Check> checks = new ArrayList<>();
        for (int threads : threadCounts) {
            double bound = threads >= 32 ? 10 : threads >= 8 ? 5 : 1.5;
            String what = "hot key, " + threads + " thr: ";
            ratio(results, Scenario.OURS_HOT, Scenario.BUCKET4J_HOT, threads, ScenarioResult::opsPerSecond).ifPresent(ratio ->
                    checks.add(new Check(what + "ours / Bucket4j throughput", ratio, Comparison.AT_LEAST, bound)));
            if (threads >= 32) {
                ratio(results, Scenario.BUCKET4J_HOT, Scenario.OURS_HOT, threads, ScenarioResult::p99Micros).ifPresent(ratio ->
                        checks.add(new Check(what + "Bucket4j p99 / ours p99", ratio, Comparison.AT_LEAST, 10)));
            }
        }
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

    private static Optional<Double> ratio(List<ScenarioResult> results, Scenario numerator, Scenario denominator, int threads,
                                          ToDoubleFunction<ScenarioResult> value) {
        return find(results, numerator, threads).flatMap(n -> find(results, denominator, threads)
                .map(d -> value.applyAsDouble(n) / value.applyAsDouble(d)));
    }

    private static Optional<Double> difference(List<ScenarioResult> results, Scenario minuend, Scenario subtrahend, int threads,
                                               ToDoubleFunction<ScenarioResult> value) {
        return find(results, minuend, threads).flatMap(m -> find(results, subtrahend, threads)
                .map(s -> value.applyAsDouble(m) - value.applyAsDouble(s)));
    }
}
