package io.jakartaredis.limiter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.SetParams;

/**
 * Redis memory per active bucket: {@code MEMORY USAGE} of one realistic key, and the
 * {@code used_memory} growth over many buckets created through the limiter, which also counts the
 * expiry entry and the hash tables. For comparison, the same keys are also written with plain
 * {@code SET} in the text layout of earlier versions ({@code <last_ms> <tokens> <frac>}), with and
 * without expiry.
 */
final class MemoryProbe {

    static final String ONE_LIMIT = "per-ip";
    static final String ONE_LIMIT_LIMITS = "1000/1d";
    static final String TWO_LIMITS = "per-ip-2";
    static final String TWO_LIMITS_LIMITS = "10/1s, 1000/1d";
    /** The other kinds of limits, sampled one key each: a long quota, a calendar quota, both kinds together. */
    private static final Map<String, String> OTHER_KINDS = Map.of(
            "long-quota", "10000000/30d",
            "calendar-quota", "5000000/month",
            "rate-and-calendar", "10/1s, 5000000/month");
    private static final int THREADS = 8;
    /** A one-limit bucket as earlier versions stored it: last refill time, whole tokens, partial token. */
    private static final String TEXT_STATE = "1795888295998 999 0";

    /** One key as the limiter wrote it. */
    record KeySample(String policy, String limits, String key, String value, long ttlMillis, long memoryUsage) {
    }

    /**
     * Memory of many buckets written one way.
     *
     * @param memoryUsage     {@code MEMORY USAGE} of one of them (key, value and main dict entry)
     * @param bytesPerBucket  {@code used_memory} growth divided by the buckets
     */
    record Encoding(String what, String sampleKey, String sampleValue, boolean ttl, int buckets, long memoryUsage,
                    double bytesPerBucket) {

        /** Extrapolated to one million active clients. */
        double megabytesPerMillion() {
            return bytesPerBucket * 1_000_000 / (1024.0 * 1024.0);
        }
    }

    record Results(List<KeySample> samples, List<Encoding> encodings) {
    }

    private MemoryProbe() {
    }

    static Results run(int port, int buckets) throws Exception {
        Map<String, String> policies = new TreeMap<>(OTHER_KINDS);
        policies.put(ONE_LIMIT, ONE_LIMIT_LIMITS);
        policies.put(TWO_LIMITS, TWO_LIMITS_LIMITS);
        LimiterConfig config = BenchmarkRedis.limiterConfig(port, policies);
        try (Jedis admin = BenchmarkRedis.admin(port); RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
            admin.flushAll();
            List<KeySample> samples = new ArrayList<>(List.of(
                    sample(admin, limiter, config, ONE_LIMIT, ONE_LIMIT_LIMITS),
                    sample(admin, limiter, config, TWO_LIMITS, TWO_LIMITS_LIMITS)));
            for (Map.Entry<String, String> kind : new TreeMap<>(OTHER_KINDS).entrySet()) {
                samples.add(sample(admin, limiter, config, kind.getKey(), kind.getValue()));
            }
            String prefix = config.keyPrefix() + ONE_LIMIT + ":";
            List<Encoding> encodings = new ArrayList<>();
            encodings.add(throughLimiter(admin, limiter, "limiter, one limit (" + ONE_LIMIT_LIMITS + ")", ONE_LIMIT, buckets, prefix));
            encodings.add(throughLimiter(admin, limiter, "limiter, two limits (" + TWO_LIMITS_LIMITS + ")", TWO_LIMITS, buckets,
                    config.keyPrefix() + TWO_LIMITS + ":"));
            encodings.add(direct(admin, "SET: same keys, text state `<last_ms> <tokens> <frac>`, PX", i -> prefix + ClientKeys.address(i),
                    TEXT_STATE, true, buckets));
            encodings.add(direct(admin, "SET: same keys, text state, no expiry", i -> prefix + ClientKeys.address(i),
                    TEXT_STATE, false, buckets));
            admin.flushAll();
            return new Results(samples, encodings);
        }
    }

    private static KeySample sample(Jedis admin, RedisRateLimiter limiter, LimiterConfig config, String policy, String limits) {
        limiter.tryAcquire(policy, ClientKeys.HOT_KEY, 1);
        String key = config.keyPrefix() + policy + ":" + ClientKeys.HOT_KEY;
        return new KeySample(policy, limits, key, admin.get(key), admin.pttl(key), admin.memoryUsage(key, 0));
    }

    private static Encoding throughLimiter(Jedis admin, RedisRateLimiter limiter, String what, String policy, int buckets,
                                           String prefix) throws Exception {
        // Opens the pooled connections first: their buffers must not count as bucket memory.
        acquireAll(limiter, policy, 0, 10 * THREADS);
        admin.flushAll();
        long before = usedMemory(admin);
        acquireAll(limiter, policy, 0, buckets);
        return measured(admin, what, prefix + ClientKeys.address(0), true, buckets, before);
    }

    /** One decision for each client from {@code first} to {@code end} (exclusive), on {@value #THREADS} threads. */
    private static void acquireAll(RedisRateLimiter limiter, String policy, int first, int end) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int start = first + t;
                done.add(pool.submit(() -> {
                    for (int i = start; i < end; i += THREADS) {
                        limiter.tryAcquire(policy, ClientKeys.address(i), 1);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static Encoding direct(Jedis admin, String what, IntFunction<String> key, String value, boolean ttl, int buckets) {
        admin.flushAll();
        long before = usedMemory(admin);
        SetParams expiry = SetParams.setParams().px(86_400_000L);
        Pipeline pipeline = admin.pipelined();
        for (int i = 0; i < buckets; i++) {
            if (ttl) {
                pipeline.set(key.apply(i), value, expiry);
            } else {
                pipeline.set(key.apply(i), value);
            }
            if (i % 10_000 == 9_999) {
                pipeline.sync();
            }
        }
        pipeline.sync();
        return measured(admin, what, key.apply(0), ttl, buckets, before);
    }

    private static Encoding measured(Jedis admin, String what, String sampleKey, boolean ttl, int buckets, long before) {
        long keys = admin.dbSize();
        if (keys != buckets) {
            throw new IllegalStateException(what + ": expected " + buckets + " keys, found " + keys);
        }
        double perBucket = (usedMemory(admin) - before) / (double) buckets;
        return new Encoding(what, sampleKey, admin.get(sampleKey), ttl, buckets, admin.memoryUsage(sampleKey, 0), perBucket);
    }

    private static long usedMemory(Jedis admin) {
        return Long.parseLong(RedisInfo.read(admin, "memory").required("used_memory"));
    }
}
