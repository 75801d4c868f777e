package io.jakartaredis.limiter.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;

/**
 * Virtual-thread callers, some with their interrupt flag set, decide at once: an interrupted caller
 * is limited as any other (an interrupt is no Redis failure), and above all its interrupt never
 * fails the decisions of the callers whose commands share its pipelined batch. A virtual thread
 * that reads or writes a socket with its interrupt flag set closes that socket (JDK 21+).
 */
class InterruptedVirtualCallersTest {

    private static final int CALLERS = 64;
    private static final int ROUNDS = 20;

    private static RedisServer redis;

    @BeforeAll
    static void start() {
        assumeTrue(VirtualThreads.available(), "virtual threads need Java 21+; the execution virtual-threads runs this on jdk25.home");
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void callersThatAreNotInterruptedAreNeverRefusedBecauseOthersAre(boolean pipelining) throws Exception {
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(TestLimiters.config(redis,
                "limiter.redis.pipelining", Boolean.toString(pipelining), "limiter.redis.pool.max-total", "16",
                "limiter.on-failure", "closed", "limiter.deny-cache.enabled", "false",
                "limiter.circuit.failure-threshold", "100000", "limiter.policy.p.limits", "1000000/366d"))) {
            List<String> refusedUninterrupted = new ArrayList<>();
            List<String> refusedInterrupted = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                ExecutorService threads = VirtualThreads.newPerTaskExecutor();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> results = new ArrayList<>();
                for (int c = 0; c < CALLERS; c++) {
                    boolean interrupted = c % 8 == 0;
                    String client = "c" + c;
                    results.add(threads.submit(() -> {
                        start.await();
                        if (interrupted) {
                            Thread.currentThread().interrupt();
                        }
                        try {
                            limiter.tryAcquire("p", client);
                            return null;
                        } catch (RateLimiterUnavailableException e) {
                            return (interrupted ? "interrupted " : "") + client + ": " + e.getMessage();
                        } finally {
                            Thread.interrupted();
                        }
                    }));
                }
                start.countDown();
                for (Future<String> result : results) {
                    String refusal = result.get(30, TimeUnit.SECONDS);
                    if (refusal != null) {
                        (refusal.startsWith("interrupted") ? refusedInterrupted : refusedUninterrupted).add(refusal);
                    }
                }
                threads.shutdown();
            }
            System.out.printf("pipelining=%s, %d x %d virtual callers, 1 in 8 interrupted: %d refusals of uninterrupted "
                            + "callers, %d of interrupted ones%s%n", pipelining, ROUNDS, CALLERS, refusedUninterrupted.size(),
                    refusedInterrupted.size(), refusedUninterrupted.isEmpty() ? "" : "; first: " + refusedUninterrupted.get(0));
            assertEquals(List.of(), refusedUninterrupted.subList(0, Math.min(5, refusedUninterrupted.size())),
                    refusedUninterrupted.size() + " decisions of uninterrupted callers refused");
            assertEquals(List.of(), refusedInterrupted.subList(0, Math.min(5, refusedInterrupted.size())),
                    refusedInterrupted.size() + " decisions of interrupted callers refused");
        }
    }
}
