package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import io.jakartaredis.limiter.CommandStats;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * {@code SCRIPT FLUSH} again and again while 32 threads decide in pipelined batches: every decision
 * is answered, each with its own bucket's exact count; the script is loaded once per batch that met
 * {@code NOSCRIPT}, not once per command; and only the commands answered {@code NOSCRIPT} are sent again.
 */
class NoScriptInBatchTest {

    private static final int THREADS = 32;
    private static final int FLUSHES = 5;
    private static final int DECISIONS_BETWEEN_FLUSHES = 300;
    /** Refills 0.03 tokens a second: each bucket's count below is exact. */
    private static final int CAPACITY = 1_000_000;
    private static final String POLICY = "api";

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

    @RepeatedTest(3)
    void everyDecisionIsAnsweredAndTheScriptLoadedOncePerBatchThatMetNoScript(RepetitionInfo repetition)
            throws Exception {
        try (RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.url", redis.url(),
                "limiter.redis.pool.max-total", Integer.toString(THREADS), "limiter.deny-cache.enabled", "false",
                "limiter.redis.pipelining", "true", "limiter.policy." + POLICY + ".limits", CAPACITY + "/366d");
             Jedis admin = redis.admin()) {
            admin.configResetStat();
            long batchesBefore = limiter.batchSizes().batches();
            String run = "r" + repetition.getCurrentRepetition() + "-";

            List<CountDownLatch> flushAfter = new ArrayList<>();
            for (int f = 1; f <= FLUSHES + 1; f++) {
                flushAfter.add(new CountDownLatch(f * DECISIONS_BETWEEN_FLUSHES));
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<List<String>>> results = new ArrayList<>();
            List<Future<Integer>> counts = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String client = run + t;
                List<String> wrong = new ArrayList<>();
                int[] made = {0};
                Future<List<String>> result = threads.submit(() -> {
                    while (!stop.get()) {
                        made[0]++;
                        try {
                            long remaining = limiter.tryAcquire(POLICY, client).remaining();
                            if (remaining != CAPACITY - made[0]) {
                                wrong.add(client + " call " + made[0] + ": " + remaining + " remaining");
                            }
                        } catch (RateLimiterUnavailableException e) {
                            wrong.add(client + " call " + made[0] + ": " + e.getMessage());
                        }
                        flushAfter.forEach(CountDownLatch::countDown);
                    }
                    return wrong;
                });
                results.add(result);
                counts.add(threads.submit(() -> {
                    result.get();
                    return made[0];
                }));
            }
            for (int f = 0; f < FLUSHES; f++) {
                assertTrue(flushAfter.get(f).await(10, TimeUnit.SECONDS));
                admin.scriptFlush();
            }
            assertTrue(flushAfter.get(FLUSHES).await(10, TimeUnit.SECONDS));
            stop.set(true);
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> result : results) {
                wrong.addAll(result.get(10, TimeUnit.SECONDS));
            }
            long decisions = 0;
            for (Future<Integer> count : counts) {
                decisions += count.get(10, TimeUnit.SECONDS);
            }

            long evalshas = CommandStats.calls(admin, "evalsha");
            long noScript = CommandStats.failedCalls(admin, "evalsha");
            long loads = CommandStats.calls(admin, "script|load");
            long batches = limiter.batchSizes().batches() - batchesBefore;
            System.out.printf("%d × SCRIPT FLUSH under %d threads: %d decisions in %d batches; %d EVALSHA, %d of them "
                    + "answered NOSCRIPT; %d SCRIPT LOAD%n", FLUSHES, THREADS, decisions, batches, evalshas, noScript, loads);

            assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " wrong answers");
            assertEquals(decisions + noScript, evalshas, "each decision ran once, plus once per NOSCRIPT answered");
            assertTrue(loads >= FLUSHES, "each flush was met by a batch, which loaded the script: " + loads);
            assertTrue(loads <= (long) FLUSHES * (SendOnceExecutor.BATCHES_IN_FLIGHT + 1),
                    loads + " SCRIPT LOAD for " + FLUSHES + " flushes: once per batch that met NOSCRIPT");
            assertTrue(noScript > loads, noScript + " commands answered NOSCRIPT, " + loads + " loads: one per batch, "
                    + "not one per command");
        }
    }
}
