package io.jakartaredis.limiter.benchmarks;

import java.util.Arrays;

/**
 * What one benchmark method measures: a contender, a key distribution and whether concurrent
 * {@code EVALSHA}s share pipelined writes ({@code limiter.redis.pipelining}, off by default).
 */
public enum Scenario {

    FLOOR("floor", "floor: EVALSHA `return 1`, unpipelined", ClientKeys.SPREAD, false),
    FLOOR_PIPELINED("floorPipelined", "floor, pipelined: EVALSHA `return 1`", ClientKeys.SPREAD, true),
    OURS_SPREAD("oursSpread", "ours: tryAcquire, 10,000 keys", ClientKeys.SPREAD, true),
    OURS_HOT("oursHot", "ours: tryAcquire, 1 hot key", ClientKeys.HOT, true),
    OURS_SPREAD_UNPIPELINED("oursSpreadUnpipelined", "ours, unpipelined: tryAcquire, 10,000 keys", ClientKeys.SPREAD, false),
    OURS_HOT_UNPIPELINED("oursHotUnpipelined", "ours, unpipelined: tryAcquire, 1 hot key", ClientKeys.HOT, false),
    BUCKET4J_SPREAD("bucket4jSpread", "Bucket4j Jedis CAS, 10,000 keys", ClientKeys.SPREAD, false),
    BUCKET4J_HOT("bucket4jHot", "Bucket4j Jedis CAS, 1 hot key", ClientKeys.HOT, false);

    private final String method;
    private final String label;
    private final ClientKeys keys;
    private final boolean pipelining;

    Scenario(String method, String label, ClientKeys keys, boolean pipelining) {
        this.method = method;
        this.label = label;
        this.keys = keys;
        this.pipelining = pipelining;
    }

    /** The {@link DecisionBenchmark} method that measures it. */
    public String method() {
        return method;
    }

    public String label() {
        return label;
    }

    public ClientKeys keys() {
        return keys;
    }

    /** Whether the limiter's executor pipelines concurrent scripts; Bucket4j never does. */
    public boolean pipelining() {
        return pipelining;
    }

    /** The scenario of a JMH benchmark name such as {@code io.….DecisionBenchmark.oursHot}. */
    public static Scenario ofBenchmark(String benchmark) {
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        return Arrays.stream(values()).filter(s -> s.method.equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario for benchmark " + benchmark));
    }

    /** Opens this scenario's contender against the Redis on {@code port}; the caller closes it. */
    Contender open(int port) {
        return switch (this) {
            case FLOOR, FLOOR_PIPELINED -> new FloorContender(BenchmarkRedis.limiterConfig(port, pipelining), keys);
            case OURS_SPREAD, OURS_HOT, OURS_SPREAD_UNPIPELINED, OURS_HOT_UNPIPELINED ->
                    new LimiterContender(BenchmarkRedis.limiterConfig(port, pipelining), keys);
            case BUCKET4J_SPREAD, BUCKET4J_HOT -> new Bucket4jContender(port, keys);
        };
    }
}
