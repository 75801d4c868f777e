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
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jakartaredis.limiter.CommandStats;
import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * Redis is frozen (SIGSTOP) while 32 threads decide through pipelined batches, some of which were
 * written and some still queued when their timeout passed: every call returns once, in time, decided
 * by the failure policy; nothing is sent twice, so what Redis took once resumed is exactly what it
 * ran; and the connections that had replies unread are never read by another caller.
 */
class FrozenBatchTest {

    private static final int THREADS = 32;
    private static final long TIMEOUT_MILLIS = 200;
    private static final long MARGIN_MILLIS = 150;
    /** Refills 0.03 tokens a second: the counts below are exact. */
    private static final int CAPACITY = 1_000_000;
    private static final String LIMIT = CAPACITY + "/366d";
    private static final String POLICY = "api";
    /** Tokens taken from thread i's own bucket before the freeze: (i + 1) × this. */
    private static final int SPACING = 50;

    private RedisServer redis;
    private ExecutorService threads;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        redis.close();
    }

    /**
     * @param failureThreshold {@code limiter.circuit.failure-threshold}: one no freeze reaches, so that
     *                         every call goes into a batch, or the default, whose open circuit refuses
     *                         calls at once until a probe after the cool-down finds Redis back
     * @param pool             {@code limiter.redis.pool.max-total}: as many as the threads, or fewer, so
     *                         that callers also wait at the connection gate (25 ms at most)
     */
    @ParameterizedTest(name = "failure threshold {0}, pool {1}")
    @CsvSource({"100000, 32", "100000, 32", "5, 32", "5, 32", "100000, 4"})
    void everyDecisionOnAFrozenRedisEndsOnceInTimeAndIsChargedAtMostOnce(int failureThreshold, int pool)
            throws Exception {
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config(failureThreshold, pool)); Jedis admin = redis.admin()) {
            for (int i = 0; i < THREADS; i++) { // a bucket per thread, each with its own count of tokens taken
                assertTrue(limiter.tryAcquire(POLICY, "own-" + i, (i + 1) * SPACING).allowed());
            }
            long evalshasBefore = CommandStats.calls(admin, "evalsha");
            long handedBefore = limiter.batchSizes().commands();

            List<Call> calls = decideWhileRedisFreezesAndResumes(limiter);

            // The admin's command comes after every byte the frozen server had received: its answer
            // comes once those were run.
            long ran = CommandStats.calls(admin, "evalsha") - evalshasBefore;
            long handed = limiter.batchSizes().commands() - handedBefore;
            long taken;
            try (RedisRateLimiter reader = RedisRateLimiter.connect(config(failureThreshold, pool))) {
                taken = CAPACITY - reader.peek(POLICY, "shared").remaining();
            }
            long byRedis = calls.stream().filter(Call::byRedis).count();
            long longest = calls.stream().mapToLong(Call::millis).max().orElseThrow();
            System.out.printf("Redis frozen under %d threads, timeout %d ms, failure threshold %d, pool %d: %d calls, %d decided by Redis, %d by the "
                            + "failure policy, longest %d ms; %d commands handed to a connection, %d EVALSHA run, "
                            + "%d tokens taken (%d of them by calls whose reply was lost)%n", THREADS, TIMEOUT_MILLIS,
                    failureThreshold, pool, calls.size(), byRedis, calls.size() - byRedis, longest, handed, ran, taken, ran - byRedis);

            calls.stream().sorted((a, b) -> Long.compare(b.millis(), a.millis())).limit(3).forEach(c -> System.out.printf(
                    "  %d ms, started %d ms after the first: %s%n", c.millis(), (c.startNanos() - calls.stream()
                            .mapToLong(Call::startNanos).min().orElseThrow()) / 1_000_000, c.failure()));
            assertTrue(longest <= TIMEOUT_MILLIS + MARGIN_MILLIS, "longest call " + longest + " ms");
            assertEquals(ran, taken, "each EVALSHA that ran took its token once; nothing else took any");
            assertTrue(ran <= handed, ran + " EVALSHA ran of " + handed + " handed to a connection: none resent");
            assertTrue(ran > byRedis, "the batches on the wire when Redis froze ran once it resumed, after their callers "
                    + "had been decided by the failure policy: " + ran + " ran, " + byRedis + " answered");

            assertEachCallerGetsItsOwnBucketsReply(limiter);
        }
    }

    /** One call: whether Redis decided it (else the failure policy, {@code open}), and how long it took. */
    private record Call(boolean byRedis, long millis, long startNanos, String failure) {
    }

    /**
     * 32 threads decide on one bucket without pause; Redis is frozen once they made 300 decisions,
     * resumed once the failure policy has decided 64 calls and two timeouts have passed, and they
     * stop once Redis has decided 300 more.
     */
    private List<Call> decideWhileRedisFreezesAndResumes(RedisRateLimiter limiter) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch beforeFreeze = new CountDownLatch(300);
        CountDownLatch whileFrozen = new CountDownLatch(64);
        CountDownLatch afterResume = new CountDownLatch(300);
        AtomicBoolean resumed = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<List<Call>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            results.add(threads.submit(() -> {
                start.await();
                List<Call> calls = new ArrayList<>();
                while (!stop.get()) {
                    long begin = System.nanoTime();
                    Call call;
                    try {
                        Decision decision = limiter.tryAcquire(POLICY, "shared");
                        assertTrue(decision.allowed() && decision.tokensTaken(), "admitted by Redis");
                        call = new Call(true, (System.nanoTime() - begin) / 1_000_000, begin, "");
                    } catch (RateLimiterUnavailableException refused) { // on-failure=closed: the failure policy's decision
                        call = new Call(false, (System.nanoTime() - begin) / 1_000_000, begin, refused.getMessage());
                        LockSupport.parkNanos(1_000_000); // refused at once while the circuit is open: back off, not spin
                    }
                    calls.add(call);
                    if (!call.byRedis()) {
                        whileFrozen.countDown();
                    } else if (resumed.get()) {
                        afterResume.countDown();
                    } else {
                        beforeFreeze.countDown();
                    }
                }
                return calls;
            }));
        }
        start.countDown();
        assertTrue(beforeFreeze.await(10, TimeUnit.SECONDS), "decisions before the freeze");
        redis.freeze();
        long frozen = System.nanoTime();
        try {
            assertTrue(whileFrozen.await(10, TimeUnit.SECONDS), "decisions of the failure policy while frozen");
            // Frozen for two timeouts at least, so that the batches written meanwhile time out; callers
            // refused at the connection gate can count 64 much sooner.
            long frozenFor = (System.nanoTime() - frozen) / 1_000_000;
            if (frozenFor < 2 * TIMEOUT_MILLIS) {
                Thread.sleep(2 * TIMEOUT_MILLIS - frozenFor);
            }
        } finally {
            redis.resume();
            resumed.set(true);
        }
        assertTrue(afterResume.await(10, TimeUnit.SECONDS), "decisions by Redis after the resume");
        stop.set(true);
        List<Call> calls = new ArrayList<>();
        for (Future<List<Call>> result : results) {
            calls.addAll(result.get(10, TimeUnit.SECONDS)); // every call returned
        }
        return calls;
    }

    /**
     * Each thread decides on its own bucket, which had {@code (i + 1) × SPACING} tokens taken: a reply
     * read off a connection that still held the frozen batches' replies would show another bucket's count.
     */
    private void assertEachCallerGetsItsOwnBucketsReply(RedisRateLimiter limiter) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int own = t;
            results.add(threads.submit(() -> {
                start.await();
                List<String> wrong = new ArrayList<>();
                for (int round = 1; round <= 20; round++) {
                    Decision decision;
                    try {
                        decision = limiter.tryAcquire(POLICY, "own-" + own);
                    } catch (RateLimiterUnavailableException e) {
                        wrong.add("own-" + own + " round " + round + ": " + e.getMessage());
                        continue;
                    }
                    long expected = CAPACITY - (own + 1) * SPACING - round;
                    if (decision.remaining() != expected) {
                        wrong.add("own-" + own + " round " + round + ": " + decision.remaining() + " remaining, expected "
                                + expected);
                    }
                }
                return wrong;
            }));
        }
        start.countDown();
        List<String> wrong = new ArrayList<>();
        for (Future<List<String>> result : results) {
            wrong.addAll(result.get(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())),
                wrong.size() + " replies were not the caller's own bucket's");
    }

    /**
     * {@code on-failure=closed} (as {@link TopologyLimiters} sets it): a call that Redis cannot decide,
     * or that found no connection free within the gate's wait, is refused.
     */
    private LimiterConfig config(int failureThreshold, int pool) {
        return TopologyLimiters.config("limiter.redis.url", redis.url(), "limiter.redis.timeout", TIMEOUT_MILLIS + "ms",
                "limiter.redis.pool.max-total", Integer.toString(pool), "limiter.redis.pool.max-wait", "25ms",
                "limiter.circuit.failure-threshold", Integer.toString(failureThreshold),
                "limiter.deny-cache.enabled", "false", "limiter.redis.pipelining", "true", "limiter.policy." + POLICY + ".limits", LIMIT);
    }
}
