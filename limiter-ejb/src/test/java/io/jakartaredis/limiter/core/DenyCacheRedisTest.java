package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.testkit.RedisServer;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/**
 * One key hammered by 32 threads far beyond its limit, with the deny cache on and off, against a
 * real Redis: the cache spares Redis almost every rejected call and admits exactly what Redis admits.
 */
class DenyCacheRedisTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int THREADS = 32;
    private static final long HOURLY_CAPACITY = 200;
    private static final long HOUR_MILLIS = 3_600_000;
    private static final long FAST_CAPACITY = 20;
    private static final long SECOND_MILLIS = 1_000;
    /** Midway between two refills of the fast policy (one per 50 ms), so that a few ms of start-up do not matter. */
    private static final long RUN_MILLIS = 1_525;
    /** Between calls, so that 32 threads on two cores measure the limiter rather than the scheduler. */
    private static final long PAUSE_NANOS = 100_000;

    private static ExecutorService threads;

    /** What one hammering run saw. */
    private record Run(long admitted, long rejected, long evalshaCalls, long redisMillis) {

        double redisCommandsPerRejection() {
            return (evalshaCalls - admitted) / (double) rejected;
        }
    }

    @BeforeAll
    static void startThreads() {
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    @ParameterizedTest(name = "deny cache enabled: {0}")
    @ValueSource(booleans = {true, false})
    void tenTimesTheLimitAdmitsExactlyTheCapacityAndSparesRedisTheRejections(boolean cacheEnabled) throws Exception {
        try (RedisRateLimiter limiter = limiter(cacheEnabled, HOURLY_CAPACITY + "/1h")) {
            for (int repetition = 0; repetition < 3; repetition++) {
                Run run = hammer(limiter, "client-" + repetition, 10 * HOURLY_CAPACITY, Long.MAX_VALUE);

                long refilled = run.redisMillis() * HOURLY_CAPACITY / HOUR_MILLIS;
                assertEquals(HOURLY_CAPACITY + refilled, run.admitted(), run.toString());
                assertEquals(10 * HOURLY_CAPACITY, run.admitted() + run.rejected());
                if (cacheEnabled) {
                    System.out.println("deny cache on: " + run + ", Redis commands per rejected call " + run.redisCommandsPerRejection());
                    assertTrue(run.redisCommandsPerRejection() <= 0.05, run + ": " + run.redisCommandsPerRejection());
                } else {
                    assertEquals(1.0, run.redisCommandsPerRejection(), run.toString());
                }
            }
        }
    }

    @ParameterizedTest(name = "deny cache enabled: {0}")
    @ValueSource(booleans = {true, false})
    void whileTokensRefillEveryRefilledTokenIsStillAdmitted(boolean cacheEnabled) throws Exception {
        try (RedisRateLimiter limiter = limiter(cacheEnabled, FAST_CAPACITY + "/1s")) {
            Run run = hammer(limiter, "refilling", Long.MAX_VALUE, System.nanoTime() + RUN_MILLIS * 1_000_000);

            // At most what refilled between the Redis clock readings around the run (the last one waits for every
            // thread to finish); at least what refilled before the threads stopped calling, less the one in flight.
            long atMost = FAST_CAPACITY + run.redisMillis() * FAST_CAPACITY / SECOND_MILLIS;
            long atLeast = FAST_CAPACITY + RUN_MILLIS * FAST_CAPACITY / SECOND_MILLIS - 1;
            assertTrue(run.admitted() <= atMost && run.admitted() >= atLeast,
                    run + ", expected " + atLeast + " to " + atMost);
        }
    }

    @Test
    void aRejectionOutlivingABucketThatRedisLostIsRepeatedAtMostMaxTime() {
        try (RedisServer redis = RedisServer.start();
             RedisRateLimiter limiter = TestLimiters.limiter(redis, "limiter.policy.hammered.limits", "10/1h",
                     "limiter.deny-cache.max-time", "1s")) {
            for (int i = 0; i < 10; i++) {
                limiter.tryAcquire("hammered", "client");
            }
            long rejectedAt = System.nanoTime();
            assertFalse(limiter.tryAcquire("hammered", "client").allowed(), "retry after 6 minutes");
            redis.restart(); // the bucket is lost: Redis would admit now

            Decision admitted = limiter.tryAcquire("hammered", "client");
            while (!admitted.allowed()) {
                LockSupport.parkNanos(10_000_000);
                assertTrue(System.nanoTime() - rejectedAt < 10_000_000_000L, "still rejected 10 s after");
                admitted = limiter.tryAcquire("hammered", "client");
            }
            assertEquals(9, admitted.remaining(), "a full bucket once the remembered rejection ran out");
        }
    }

    private static RedisRateLimiter limiter(boolean cacheEnabled, String limits) {
        return TestLimiters.limiter(REDIS.server(), "limiter.policy.hammered.limits", limits,
                "limiter.redis.pool.max-total", Integer.toString(THREADS),
                "limiter.deny-cache.enabled", Boolean.toString(cacheEnabled));
    }

    /** {@value #THREADS} threads calling until {@code calls} were made or {@code deadlineNanos} passed. */
    private static Run hammer(RedisRateLimiter limiter, String client, long calls, long deadlineNanos) throws Exception {
        AtomicInteger made = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        try (Jedis admin = REDIS.server().admin()) {
            long evalshaBefore = evalshaCalls(admin);
            long redisBefore = redisMillis(admin);
            for (int t = 0; t < THREADS; t++) {
                results.add(threads.submit(caller(limiter, client, start, () -> made.incrementAndGet() <= calls
                        && System.nanoTime() - deadlineNanos < 0)));
            }
            start.countDown();
            long admitted = 0;
            long rejected = 0;
            for (Future<long[]> result : results) {
                admitted += result.get()[0];
                rejected += result.get()[1];
            }
            long redisMillis = redisMillis(admin) - redisBefore;
            return new Run(admitted, rejected, evalshaCalls(admin) - evalshaBefore, redisMillis);
        }
    }

    private static Callable<long[]> caller(RedisRateLimiter limiter, String client, CountDownLatch start,
                                           Callable<Boolean> another) {
        return () -> {
            start.await();
            long[] admittedRejected = new long[2];
            while (another.call()) {
                admittedRejected[limiter.tryAcquire("hammered", client).allowed() ? 0 : 1]++;
                LockSupport.parkNanos(PAUSE_NANOS);
            }
            return admittedRejected;
        };
    }

    private static long evalshaCalls(Jedis admin) {
        return admin.info("commandstats").lines().filter(l -> l.startsWith("cmdstat_evalsha:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("^cmdstat_evalsha:calls=(\\d+),.*", "$1"))).sum();
    }

    private static long redisMillis(Jedis admin) {
        List<String> time = admin.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }
}
