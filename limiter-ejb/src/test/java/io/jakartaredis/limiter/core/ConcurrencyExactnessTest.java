package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/** Two limiter instances with separate pools ("nodes") × 32 threads on one key admit exactly the capacity. */
class ConcurrencyExactnessTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int CAPACITY = 500;
    private static final int THREADS_PER_NODE = 32;
    private static final int CALLS_PER_THREAD = 25;

    private static RedisRateLimiter nodeA;
    private static RedisRateLimiter nodeB;
    private static ExecutorService threads;

    @BeforeAll
    static void startNodes() {
        String[] properties = {"limiter.policy.exact.limits", CAPACITY + "/1h", "limiter.redis.pool.max-total", "16"};
        nodeA = TestLimiters.limiter(REDIS.server(), properties);
        nodeB = TestLimiters.limiter(REDIS.server(), properties);
        threads = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
    }

    @AfterAll
    static void stopNodes() {
        threads.shutdownNow();
        nodeA.close();
        nodeB.close();
    }

    @RepeatedTest(20)
    void admitsExactlyTheCapacityAcrossNodesAndThreads(RepetitionInfo repetition) throws Exception {
        String client = "client-" + repetition.getCurrentRepetition();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 2 * THREADS_PER_NODE; t++) {
            RedisRateLimiter node = t % 2 == 0 ? nodeA : nodeB;
            results.add(threads.submit(admittedBy(node, client, start)));
        }
        start.countDown();
        int admitted = 0;
        for (Future<Integer> result : results) {
            admitted += result.get();
        }
        assertEquals(CAPACITY, admitted, "of " + 2 * THREADS_PER_NODE * CALLS_PER_THREAD + " calls");
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
}
