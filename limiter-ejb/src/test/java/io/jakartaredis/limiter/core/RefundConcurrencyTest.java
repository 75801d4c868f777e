package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.metrics.LimiterMetrics;
import io.jakartaredis.limiter.metrics.PolicyStats;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/**
 * 32 threads take and refund on one bucket ({@code 20/1d}: no refill during the test). Refunds of
 * admitted calls keep the arithmetic exact; refunds of nothing (a client that refunds too much)
 * never lift the bucket above its capacity.
 */
class RefundConcurrencyTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int CAPACITY = 20;
    private static final int THREADS = 32;
    private static final int CALLS_PER_THREAD = 100;

    private static RedisRateLimiter limiter;
    private static LimiterMetrics metrics;
    private static ExecutorService threads;

    @BeforeAll
    static void start() {
        var config = TestLimiters.config(REDIS.server(), "limiter.policy.batch.limits", CAPACITY + "/1d",
                "limiter.redis.pool.max-total", "32");
        metrics = new LimiterMetrics(config.policies().values(), () -> "CLOSED");
        limiter = RedisRateLimiter.connect(config, metrics);
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
        limiter.close();
    }

    /**
     * @param spuriousRefunds whether threads also refund calls that were rejected (never taken)
     * @return admitted and refunded, summed over the threads
     */
    private long[] run(String client, boolean spuriousRefunds, int seed) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong highest = new AtomicLong();
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(seed * 100L + t);
            results.add(threads.submit(() -> {
                go.await();
                long admitted = 0;
                long refunded = 0;
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    boolean allowed = limiter.tryAcquire("batch", client).allowed();
                    admitted += allowed ? 1 : 0;
                    if (allowed ? random.nextBoolean() : spuriousRefunds && random.nextInt(3) == 0) {
                        limiter.refund("batch", client, 1);
                        refunded++;
                    }
                    if (i % 10 == 0) {
                        highest.accumulateAndGet(limiter.peek("batch", client).remaining(), Math::max);
                    }
                }
                return new long[] {admitted, refunded};
            }));
        }
        go.countDown();
        long[] sums = new long[2];
        for (Future<long[]> result : results) {
            long[] counts = result.get(60, TimeUnit.SECONDS);
            sums[0] += counts[0];
            sums[1] += counts[1];
        }
        assertTrue(highest.get() <= CAPACITY, "peeked " + highest.get() + " tokens");
        return sums;
    }

    @RepeatedTest(3)
    void refundsOfAdmittedCallsKeepTheCountExact(RepetitionInfo repetition) throws Exception {
        String client = "exact-" + repetition.getCurrentRepetition();
        PolicyStats stats = metrics.stats("batch");
        long refundedBefore = stats.getRefunded();
        long[] counts = run(client, false, repetition.getCurrentRepetition());
        long admitted = counts[0];
        long refunded = counts[1];
        long remaining = limiter.peek("batch", client).remaining();
        System.out.printf("refunds of admitted calls: admitted %d, refunded %d, left %d%n", admitted, refunded, remaining);
        // The last operations may be refunds that no later take picked up: those tokens are left.
        assertEquals(CAPACITY - remaining, admitted - refunded, "every token that was not given back is taken");
        assertTrue(admitted > CAPACITY, "refunded tokens were taken again");
        assertEquals(refunded, stats.getRefunded() - refundedBefore, "the Refunded counter");
        assertEquals(0, stats.getRefundsLost());
    }

    @RepeatedTest(3)
    void refundsOfNothingNeverLiftTheBucketAboveItsCapacity(RepetitionInfo repetition) throws Exception {
        String client = "spurious-" + repetition.getCurrentRepetition();
        long[] counts = run(client, true, 10 + repetition.getCurrentRepetition());
        int remaining = (int) limiter.peek("batch", client).remaining();
        System.out.printf("refunds of rejected calls too: admitted %d, refunded %d, left %d%n", counts[0], counts[1],
                remaining);
        assertTrue(remaining <= CAPACITY);
        int burst = 0;
        for (int i = 0; i < 2 * CAPACITY; i++) {
            burst += limiter.tryAcquire("batch", client).allowed() ? 1 : 0;
        }
        assertEquals(remaining, burst, "what peek showed, and never more than the capacity");
        assertTrue(counts[0] - counts[1] <= CAPACITY, "each admission beyond the capacity needs a token refunded");
    }
}
