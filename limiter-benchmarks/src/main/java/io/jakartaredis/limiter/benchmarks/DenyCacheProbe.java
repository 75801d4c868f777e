package io.jakartaredis.limiter.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.jakartaredis.limiter.config.DenyCacheConfig;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import redis.clients.jedis.Jedis;

/**
 * One key hammered at ten times its limit by {@value #THREADS} threads, once with the local deny
 * cache on and once off: how many calls were admitted, and how many {@code EVALSHA}s Redis ran per
 * rejected call ({@code INFO commandstats}). Not timed: it measures what reaches Redis.
 */
final class DenyCacheProbe {

    static final String POLICY = "hammered";
    static final long CAPACITY = 1_000;
    static final Duration WINDOW = Duration.ofHours(1);
    static final int THREADS = 32;
    static final long CALLS = 10 * CAPACITY;

    /**
     * @param expectedAdmitted the capacity plus the tokens refilled during the run on the Redis clock
     * @param evalsha          {@code EVALSHA} commands Redis ran during the run
     */
    record Hammering(boolean cacheEnabled, long admitted, long rejected, long expectedAdmitted, long evalsha,
                     long localDenials) {

        /** Redis round trips spent on rejected calls, per rejected call. */
        double redisCommandsPerRejection() {
            return (evalsha - admitted) / (double) rejected;
        }
    }

    private DenyCacheProbe() {
    }

    static List<Hammering> run(int port) throws Exception {
        return List.of(hammer(port, true), hammer(port, false));
    }

    private static Hammering hammer(int port, boolean cacheEnabled) throws Exception {
        LimiterConfig base = BenchmarkRedis.limiterConfig(port, Map.of(POLICY, CAPACITY + "/" + WINDOW.toHours() + "h"));
        LimiterConfig config = new LimiterConfig(base.redis(), base.keyPrefix(), base.policies(), base.resilience(),
                new DenyCacheConfig(cacheEnabled, DenyCacheConfig.DEFAULT_MAX_ENTRIES, DenyCacheConfig.DEFAULT_MAX_TIME));
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config); Jedis admin = BenchmarkRedis.admin(port)) {
            admin.flushAll();
            CommandStats before = CommandStats.read(admin);
            long redisBefore = redisMillis(admin);
            AtomicLong callsLeft = new AtomicLong(CALLS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> admittedPerThread = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                admittedPerThread.add(threads.submit(() -> {
                    start.await();
                    long admitted = 0;
                    while (callsLeft.getAndDecrement() > 0) {
                        admitted += limiter.tryAcquire(POLICY, "hot-client").allowed() ? 1 : 0;
                    }
                    return admitted;
                }));
            }
            start.countDown();
            long admitted = 0;
            for (Future<Long> result : admittedPerThread) {
                admitted += result.get();
            }
            long refilled = (redisMillis(admin) - redisBefore) * CAPACITY / WINDOW.toMillis();
            long evalsha = CommandStats.read(admin).since(before).getOrDefault("evalsha", 0L);
            return new Hammering(cacheEnabled, admitted, CALLS - admitted, CAPACITY + refilled, evalsha,
                    limiter.localDenials());
        } finally {
            threads.shutdownNow();
        }
    }

    private static long redisMillis(Jedis admin) {
        List<String> time = admin.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }
}
