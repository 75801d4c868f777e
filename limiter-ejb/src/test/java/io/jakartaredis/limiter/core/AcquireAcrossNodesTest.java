package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/**
 * Two limiter instances ("nodes") × 16 threads acquire from {@code 10/1s} with a 10 s max wait for
 * about 5 s: the calls complete at the start burst plus 10 per second, never faster, in first-come
 * order. Wall-clock timing on a loaded machine, so with stated tolerances: a completion may be late,
 * never early; two calls issued more than 50 ms apart complete in that order.
 */
class AcquireAcrossNodesTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int THREADS_PER_NODE = 16;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long ORDER_TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Completions beyond 10 + 10 d within any d seconds that lateness may bunch up: 2 (200 ms of lateness). */
    private static final int BUNCHING_TOLERANCE = 2;

    private record Call(long issuedNanos, long completedNanos) {
    }

    @Test
    void callsCompleteAtTheRateAcrossNodesNeverFasterFirstComeFirstServed() throws Exception {
        String[] properties = {"limiter.policy.api.limits", "10/1s", "limiter.redis.pool.max-total", "16"};
        List<Call> calls = new ArrayList<>();
        try (RedisRateLimiter nodeA = TestLimiters.limiter(REDIS.server(), properties);
             RedisRateLimiter nodeB = TestLimiters.limiter(REDIS.server(), properties)) {
            ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Call>>> results = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < 2 * THREADS_PER_NODE; t++) {
                RedisRateLimiter node = t % 2 == 0 ? nodeA : nodeB;
                results.add(threads.submit(() -> {
                    go.await();
                    List<Call> mine = new ArrayList<>();
                    while (System.nanoTime() - start < RUN_NANOS) {
                        long issued = System.nanoTime();
                        Decision decision = node.acquire("api", "third-party", 1, Duration.ofSeconds(10));
                        assertTrue(decision.allowed() && decision.tokensTaken(), decision.toString());
                        mine.add(new Call(issued, System.nanoTime()));
                    }
                    return mine;
                }));
            }
            go.countDown();
            for (Future<List<Call>> result : results) {
                calls.addAll(result.get(60, TimeUnit.SECONDS));
            }
            threads.shutdown();
        }
        calls.sort(Comparator.comparingLong(Call::completedNanos));
        long first = calls.stream().mapToLong(Call::issuedNanos).min().orElseThrow();

        // Never faster: within any [t_i, t_j], at most 10 + 10 (t_j - t_i) completions (+ tolerance).
        for (int i = 0; i < calls.size(); i++) {
            for (int j = i; j < calls.size(); j++) {
                double seconds = (calls.get(j).completedNanos() - calls.get(i).completedNanos()) / 1e9;
                assertTrue(j - i + 1 <= 10 + 10 * seconds + BUNCHING_TOLERANCE,
                        (j - i + 1) + " completions within " + seconds + " s");
            }
        }
        // The k-th completion's slot is 100 ms after the previous from the burst on: never earlier.
        List<Long> lateMillis = new ArrayList<>();
        for (int k = 0; k < calls.size(); k++) {
            long slot = first + Math.max(0, k - 9) * TimeUnit.MILLISECONDS.toNanos(100);
            long late = calls.get(k).completedNanos() - slot;
            assertTrue(late > -TimeUnit.MILLISECONDS.toNanos(2), "completion " + k + " early by " + -late + " ns");
            lateMillis.add(late / 1_000_000);
        }
        // First come, first served: issued more than 50 ms earlier, completed no later.
        List<Call> byIssue = new ArrayList<>(calls);
        byIssue.sort(Comparator.comparingLong(Call::issuedNanos));
        int inversions = 0;
        for (int i = 0; i < byIssue.size(); i++) {
            for (int j = i + 1; j < byIssue.size(); j++) {
                Call earlier = byIssue.get(i);
                Call later = byIssue.get(j);
                if (later.issuedNanos() - earlier.issuedNanos() > ORDER_TOLERANCE_NANOS
                        && earlier.completedNanos() > later.completedNanos()) {
                    inversions++;
                }
            }
        }
        double seconds = (calls.get(calls.size() - 1).completedNanos() - first) / 1e9;
        Collections.sort(lateMillis);
        System.out.printf("acquire across nodes: %d calls in %.2f s (burst 10 + %.2f/s); late after slot p50 %d ms,"
                        + " max %d ms; order inversions beyond 50 ms: %d%n", calls.size(), seconds,
                (calls.size() - 10) / seconds, lateMillis.get(lateMillis.size() / 2),
                lateMillis.get(lateMillis.size() - 1), inversions);
        assertEquals(0, inversions);
        assertTrue(calls.size() >= 10 + 10 * 4, "at the rate, not slower: " + calls.size() + " calls in " + seconds + " s");
    }
}
