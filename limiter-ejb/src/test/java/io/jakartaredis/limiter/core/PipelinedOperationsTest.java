package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.CommandStats;
import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * Refunds, peeks ({@code EVALSHA_RO}), reservations ({@code acquire} with a wait) and concurrency
 * slots, from 32 threads at once, give the same exact results with pipelining on as off.
 */
class PipelinedOperationsTest {

    private static final int THREADS = 32;
    /** Refills 0.03 tokens a second: the counts below are exact. */
    private static final int CAPACITY = 1_000_000;
    private static final int SLOTS = 8;

    private static RedisServer redis;
    private static ExecutorService threads;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
        redis.close();
    }

    private static RedisRateLimiter limiter(boolean pipelining, DecisionListener listener) {
        return RedisRateLimiter.connect(TestLimiters.config(redis, "limiter.redis.pipelining", Boolean.toString(pipelining),
                "limiter.redis.pool.max-total", Integer.toString(THREADS), "limiter.deny-cache.enabled", "false",
                "limiter.on-failure", "closed",
                "limiter.policy.big.limits", CAPACITY + "/366d",
                "limiter.policy.wait.limits", "10/1s",
                "limiter.policy.slots.concurrency", Integer.toString(SLOTS), "limiter.policy.slots.lease-timeout", "30s"),
                listener);
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void refundsFromThirtyTwoThreadsGiveBackExactlyWhatWasRefunded(boolean pipelining) throws Exception {
        LongAdder refundsTaken = new LongAdder();
        try (RedisRateLimiter limiter = limiter(pipelining, new DecisionListener() {
            @Override
            public void decided(Decision decision, String clientKey, DecidedBy decidedBy, long latencyNanos) {
            }

            @Override
            public void refused(String policy, long latencyNanos) {
            }

            @Override
            public void refunded(String policy, int cost, boolean taken) {
                if (taken) {
                    refundsTaken.increment();
                }
            }
        })) {
            String client = "refunds-" + pipelining;
            inParallel(t -> {
                for (int i = 0; i < 10; i++) {
                    assertTrue(limiter.tryAcquire("big", client, 3).tokensTaken());
                    limiter.refund("big", client, 2);
                }
            });
            assertEquals(THREADS * 10, refundsTaken.sum(), "refunds that Redis took");
            assertEquals(CAPACITY - THREADS * 10, limiter.peek("big", client).remaining(), "3 taken, 2 given back, 320 times");
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void peeksFromThirtyTwoThreadsEachSeeTheirOwnBucketAndTakeNothing(boolean pipelining) throws Exception {
        try (RedisRateLimiter limiter = limiter(pipelining, DecisionListener.NONE); Jedis admin = redis.admin()) {
            String prefix = "peeks-" + pipelining + "-";
            for (int t = 0; t < THREADS; t++) {
                assertTrue(limiter.tryAcquire("big", prefix + t, (t + 1) * 10).allowed());
            }
            long readOnly = CommandStats.calls(admin, "evalsha_ro");
            long batched = limiter.batchSizes().commands();
            List<String> wrong = inParallel(t -> {
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    long remaining = limiter.peek("big", prefix + t).remaining();
                    if (remaining != CAPACITY - (t + 1) * 10) {
                        seen.add(prefix + t + ": " + remaining);
                    }
                }
                return seen;
            });
            assertEquals(List.of(), wrong, "peeks that saw another bucket, or a changed one");
            assertEquals(THREADS * 20, CommandStats.calls(admin, "evalsha_ro") - readOnly, "one EVALSHA_RO per peek");
            assertEquals(pipelining ? THREADS * 20 : 0, limiter.batchSizes().commands() - batched,
                    "peeks go through the same batches");
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void reservationsFromThirtyTwoThreadsAdmitTheBucketAndWhatRefillsWithinTheWait(boolean pipelining) throws Exception {
        try (RedisRateLimiter limiter = limiter(pipelining, DecisionListener.NONE)) {
            String client = "wait-" + pipelining;
            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger waited = new AtomicInteger();
            long start = System.nanoTime();
            inParallel(t -> {
                Decision decision = limiter.acquire("wait", client, 1, Duration.ofMillis(500));
                if (decision.allowed()) {
                    admitted.incrementAndGet();
                    if (System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(50)) {
                        waited.incrementAndGet();
                    }
                }
            });
            // 10 at once, 5 more refilled within the 500 ms wait, and at most one refilled while they reserved.
            assertTrue(admitted.get() == 15 || admitted.get() == 16, admitted + " admitted of 32");
            assertTrue(waited.get() >= 4, waited + " admitted after a wait for their reserved slot");
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void concurrencySlotsFromThirtyTwoThreadsNeverHoldMoreThanTheLimitAndAllComeBack(boolean pipelining)
            throws Exception {
        try (RedisRateLimiter limiter = limiter(pipelining, DecisionListener.NONE)) {
            String client = "slots-" + pipelining;
            AtomicInteger holding = new AtomicInteger();
            AtomicInteger mostHeld = new AtomicInteger();
            LongAdder admitted = new LongAdder();
            inParallel(t -> {
                for (int i = 0; i < 20; i++) {
                    Decision decision = limiter.tryAcquire("slots", client);
                    if (decision.holdsSlot()) {
                        admitted.increment();
                        mostHeld.accumulateAndGet(holding.incrementAndGet(), Math::max);
                        LockSupport.parkNanos(200_000); // the call the slot guards
                        holding.decrementAndGet();
                        limiter.release(decision);
                    }
                }
            });
            assertTrue(mostHeld.get() <= SLOTS, mostHeld + " slots held at once of " + SLOTS);
            assertTrue(admitted.sum() >= SLOTS, admitted + " calls admitted");
            assertEquals(SLOTS, limiter.peek("slots", client).freeSlots(), "every slot came back");
        }
    }

    /** A task for thread {@code t} of 32, all started together. */
    @FunctionalInterface
    private interface Task<T> {
        T run(int t) throws Exception;
    }

    /** A task that returns nothing. */
    @FunctionalInterface
    private interface Action {
        void run(int t) throws Exception;
    }

    private static void inParallel(Action action) throws Exception {
        inParallel((Task<List<String>>) t -> {
            action.run(t);
            return List.of();
        });
    }

    private static List<String> inParallel(Task<List<String>> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Callable<List<String>> call = () -> {
                start.await();
                return task.run(thread);
            };
            results.add(threads.submit(call));
        }
        start.countDown();
        List<String> all = new ArrayList<>();
        for (Future<List<String>> result : results) {
            all.addAll(result.get(30, TimeUnit.SECONDS));
        }
        return all;
    }
}
