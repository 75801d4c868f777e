package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.LogCapture;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.metrics.LimiterMetrics;
import io.jakartaredis.limiter.testkit.RedisServer;

/** acquire, refund and peek while the Redis they were connected to is down (killed): the failure policies decide. */
class WaitRefundPeekWithoutRedisTest {

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private RedisServer redis;
    private RedisRateLimiter limiter;
    private LimiterMetrics metrics;

    @BeforeEach
    void startThenKillRedis() {
        redis = RedisServer.start();
        var config = TestLimiters.config(redis, "limiter.policy.open.limits", "10/1m", "limiter.policy.open.on-failure", "open",
                "limiter.policy.local.limits", "4/1m", "limiter.policy.local.on-failure", "local",
                "limiter.policy.closed.limits", "10/1m", "limiter.policy.closed.on-failure", "closed",
                "limiter.local.nodes", "2", "limiter.circuit.failure-threshold", "1000");
        metrics = new LimiterMetrics(config.policies().values(), () -> "CLOSED");
        limiter = RedisRateLimiter.connect(config, metrics);
        redis.kill();
    }

    @AfterEach
    void close() {
        limiter.close();
        redis.close();
    }

    @Test
    void aRefundThatRedisCannotTakeIsLoggedOnceAndCountedNeverThrown() {
        for (int i = 0; i < 50; i++) {
            assertDoesNotThrow(() -> limiter.refund("open", "c", 1));
        }
        List<String> warnings = logs.at(Level.WARNING);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("refunds are lost meanwhile"), warnings.get(0));
        assertEquals(50, metrics.stats("open").getRefundsLost());
        assertEquals(0, metrics.stats("open").getRefunded());
        assertEquals(0, metrics.stats("open").getFailures(), "a refund is not a decision");
    }

    @Test
    void acquireFollowsTheFailurePolicyWithoutWaiting() {
        long start = System.nanoTime();
        Decision open = limiter.acquire("open", "c", 1, Duration.ofSeconds(10));
        assertTrue(open.allowed());
        assertFalse(open.tokensTaken(), "admitted by the failure policy, nothing taken in Redis");
        for (int i = 0; i < 2; i++) {
            assertTrue(limiter.acquire("local", "c", 1, Duration.ofSeconds(10)).allowed());
        }
        Decision local = limiter.acquire("local", "c", 1, Duration.ofSeconds(10));
        assertFalse(local.allowed(), "the local bucket, 4/1m over 2 nodes, rejects at once");
        assertEquals(30_000, local.retryAfterMillis(), 1_000, "30 s less the real time the calls took (loaded machine)");
        assertThrows(RateLimiterUnavailableException.class,
                () -> limiter.acquire("closed", "c", 1, Duration.ofSeconds(10)));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis < 2_000, "no waiting: " + elapsedMillis + " ms");
        assertEquals(1, metrics.stats("open").getAdmitted());
        assertEquals(1, metrics.stats("local").getRejected());
        assertEquals(1, metrics.stats("closed").getFailures());
    }

    @Test
    void peekAnswersAsTheFailurePolicyWouldTakingNothing() {
        Decision open = limiter.peek("open", "c");
        assertTrue(open.allowed());
        assertEquals(10, open.remaining(), "a full bucket, as it is");
        limiter.tryAcquire("local", "c");
        assertEquals(1, limiter.peek("local", "c").remaining(), "the local bucket: 2 tokens, 1 taken");
        assertEquals(1, limiter.peek("local", "c").remaining(), "peeking took nothing");
        assertThrows(RateLimiterUnavailableException.class, () -> limiter.peek("closed", "c"));
        assertEquals(0, metrics.stats("open").getDecisions(), "a peek is not a decision");
    }
}
