package io.jakartaredis.limiter.benchmarks;

import java.util.Arrays;
import java.util.Map;

/** What one benchmark method measures: a contender and a key distribution. */
public enum Scenario {

    FLOOR("floor", "floor: EVALSHA `return 1`, 10,000 keys", ClientKeys.SPREAD),
    OURS_SPREAD("oursSpread", "ours: tryAcquire, 10,000 keys", ClientKeys.SPREAD),
    OURS_HOT("oursHot", "ours: tryAcquire, 1 hot key", ClientKeys.HOT),
    BUCKET4J_SPREAD("bucket4jSpread", "Bucket4j Jedis CAS, 10,000 keys", ClientKeys.SPREAD),
    BUCKET4J_HOT("bucket4jHot", "Bucket4j Jedis CAS, 1 hot key", ClientKeys.HOT);

    private final String method;
    private final String label;
    private final ClientKeys keys;

    Scenario(String method, String label, ClientKeys keys) {
        this.method = method;
        this.label = label;
        this.keys = keys;
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

    /** The scenario of a JMH benchmark name such as {@code io.….DecisionBenchmark.oursHot}. */
    public static Scenario ofBenchmark(String benchmark) {
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        return Arrays.stream(values()).filter(s -> s.method.equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario for benchmark " + benchmark));
    }

    /** Opens this scenario's contender against the Redis on {@code port}; the caller closes it. */
    Contender open(int port) {
        return switch (this) {
            case FLOOR -> new FloorContender(BenchmarkRedis.limiterConfig(port, Map.of()), keys);
            case OURS_SPREAD, OURS_HOT -> new LimiterContender(BenchmarkRedis.limiterConfig(port, Map.of()), keys);
            case BUCKET4J_SPREAD, BUCKET4J_HOT -> new Bucket4jContender(port, keys);
        };
    }
}
