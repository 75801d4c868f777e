package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jakartaredis.limiter.CommandStats;
import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.redis.BatchSizes;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * Two limiter instances ("nodes") × 32 threads on one key of 500/1h admit exactly 500, with
 * concurrent decisions sharing pipelined writes and without; each decision that asked Redis ran
 * exactly one {@code EVALSHA} there (counted by Redis itself), and pipelining really batched.
 */
class PipelinedExactnessTest {

    private static final int CAPACITY = 500;
    private static final int THREADS_PER_NODE = 32;
    private static final int CALLS_PER_THREAD = 25;
    private static final int REPETITIONS = 20;

    private static RedisServer redis;
    private static ExecutorService threads;
    private static final Map<Boolean, List<RedisRateLimiter>> NODES = new HashMap<>();
    private static final Map<Boolean, LongAdder> ASKED_REDIS = new HashMap<>();
    private static final Map<Boolean, LongAdder> FAILURE_POLICY = new HashMap<>();

    @BeforeAll
    static void start() {
        redis = RedisServer.start(); // not flushed between tests: a flushed script cache would add NOSCRIPT-ed calls
        threads = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
        for (boolean pipelining : new boolean[] {true, false}) {
            LongAdder asked = new LongAdder();
            LongAdder failed = new LongAdder();
            ASKED_REDIS.put(pipelining, asked);
            FAILURE_POLICY.put(pipelining, failed);
            DecisionListener counting = new DecisionListener() {
                @Override
                public void decided(Decision decision, String clientKey, DecidedBy decidedBy, long latencyNanos) {
                    (decidedBy == DecidedBy.REDIS ? asked : decidedBy == DecidedBy.FAILURE_POLICY ? failed : new LongAdder())
                            .increment();
                }

                @Override
                public void refused(String policy, long latencyNanos) {
                    failed.increment();
                }
            };
            List<RedisRateLimiter> nodes = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                nodes.add(RedisRateLimiter.connect(TestLimiters.config(redis, "limiter.policy.exact.limits", CAPACITY + "/1h",
                        "limiter.redis.pool.max-total", "16", "limiter.redis.pipelining", Boolean.toString(pipelining)),
                        counting));
            }
            NODES.put(pipelining, nodes);
        }
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
        NODES.values().forEach(nodes -> nodes.forEach(RedisRateLimiter::close));
        redis.close();
    }

    static Stream<Arguments> repetitions() {
        return Stream.of(true, false).flatMap(pipelining -> IntStream.rangeClosed(1, REPETITIONS)
                .mapToObj(repetition -> Arguments.of(pipelining, repetition)));
    }

    @ParameterizedTest(name = "pipelining={0}, repetition {1}")
    @MethodSource("repetitions")
    void admitsExactlyTheCapacityWithOneEvalshaPerDecisionThatAskedRedis(boolean pipelining, int repetition)
            throws Exception {
        List<RedisRateLimiter> nodes = NODES.get(pipelining);
        String client = "client-" + pipelining + "-" + repetition;
        long asked = ASKED_REDIS.get(pipelining).sum();
        long[] batched = {batches(nodes), commands(nodes)};
        long evalshas;
        int admitted = 0;
        try (Jedis admin = redis.admin()) {
            evalshas = evalshaCalls(admin);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 2 * THREADS_PER_NODE; t++) {
                results.add(threads.submit(admittedBy(nodes.get(t % 2), client, start)));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                admitted += result.get();
            }
            evalshas = evalshaCalls(admin) - evalshas;
        }
        long askedNow = ASKED_REDIS.get(pipelining).sum() - asked;
        long batches = batches(nodes) - batched[0];
        double meanBatch = batches == 0 ? 0 : (commands(nodes) - batched[1]) / (double) batches;
        if (repetition == 1 || repetition == REPETITIONS) {
            System.out.printf("exactness, pipelining=%s: %d admitted of %d calls; %d asked Redis, %d EVALSHA; "
                    + "%d batches, mean %.2f%n", pipelining, admitted, 2 * THREADS_PER_NODE * CALLS_PER_THREAD,
                    askedNow, evalshas, batches, meanBatch);
        }
        assertEquals(CAPACITY, admitted, "of " + 2 * THREADS_PER_NODE * CALLS_PER_THREAD + " calls");
        assertEquals(0, FAILURE_POLICY.get(pipelining).sum(), "decisions left to the failure policy");
        assertEquals(askedNow, evalshas, "EVALSHA that Redis ran, per decision that asked it");
        assertTrue(askedNow >= CAPACITY, "decisions that asked Redis: " + askedNow);
        if (pipelining) {
            assertTrue(meanBatch > 1, "concurrent decisions shared writes: mean batch " + meanBatch);
        } else {
            assertEquals(0, batches, "nothing is batched with limiter.redis.pipelining=false");
        }
    }

    private static Callable<Integer> admittedBy(RedisRateLimiter node, String client, CountDownLatch start) {
        return () -> {
            start.await();
            int admitted = 0;
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                admitted += node.tryAcquire("exact", client).allowed() ? 1 : 0;
            }
            return admitted;
        };
    }

    private static long batches(List<RedisRateLimiter> nodes) {
        return nodes.stream().map(RedisRateLimiter::batchSizes).mapToLong(BatchSizes::batches).sum();
    }

    private static long commands(List<RedisRateLimiter> nodes) {
        return nodes.stream().map(RedisRateLimiter::batchSizes).mapToLong(BatchSizes::commands).sum();
    }

    /** How many {@code EVALSHA} Redis ran since it started ({@code INFO commandstats}). */
    static long evalshaCalls(Jedis admin) {
        return CommandStats.calls(admin, "evalsha");
    }
}
