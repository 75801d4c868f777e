package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.metrics.LimiterMetrics;
import io.jakartaredis.limiter.metrics.PolicyStats;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import io.jakartaredis.limiter.testkit.Waiting;

/**
 * acquire in shadow mode never waits; an interrupted wait is an admission then a refund, not a rejection; close
 * wakes waiters without interrupting them and refuses every later call.
 */
class AcquireShadowAndInterruptTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static LimiterConfig config() {
        REDIS.server().flushAll();
        return TestLimiters.config(REDIS.server(), "limiter.policy.slow.limits", "10/1m",
                "limiter.policy.shadow.limits", "10/1m", "limiter.policy.shadow.mode", "shadow");
    }

    private static void empty(RedisRateLimiter limiter, String policy, String client) {
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.tryAcquire(policy, client).allowed());
        }
    }

    @Test
    void aShadowPolicyReservesAsEnforcedButNeverWaits() {
        LimiterConfig config = config();
        LimiterMetrics metrics = new LimiterMetrics(config.policies().values(), () -> "CLOSED");
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config, metrics)) {
            empty(limiter, "shadow", "c");
            long start = System.nanoTime();
            Decision decision = limiter.acquire("shadow", "c", 1, Duration.ofSeconds(10));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("shadow acquire needing a 6 s wait returned after " + elapsedMillis + " ms");
            assertTrue(elapsedMillis < 3_000, "a 6 s slot was slept for: " + elapsedMillis + " ms");
            assertTrue(decision.allowed());
            assertTrue(decision.tokensTaken(), "reserved as when enforced");
            assertFalse(decision.shadowRejected(), "within maxWait");
            assertEquals(12_000, limiter.peek("shadow", "c").retryAfterMillis(), 600, "the slot is reserved");
            assertEquals(0, metrics.stats("shadow").getRejected());
        }
    }

    @Test
    void anInterruptedWaitIsCountedAsARefundNotAsARejection() throws Exception {
        LimiterConfig config = config();
        LimiterMetrics metrics = new LimiterMetrics(config.policies().values(), () -> "CLOSED");
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config, metrics)) {
            empty(limiter, "slow", "e");
            PolicyStats stats = metrics.stats("slow");
            long decisionsBefore = stats.getDecisions();
            assertEquals(10, stats.getAdmitted());
            CompletableFuture<Decision> result = new CompletableFuture<>();
            Thread waiter = new Thread(() -> result.complete(limiter.acquire("slow", "e", 1, Duration.ofSeconds(10))));
            waiter.start();
            Waiting.until("the waiter has reserved", Duration.ofSeconds(5),
                    () -> limiter.peek("slow", "e").retryAfterMillis() > 9_000, () -> "no reservation");
            TimeUnit.MILLISECONDS.sleep(100);
            waiter.interrupt();
            Decision decision = result.get(5, TimeUnit.SECONDS);
            assertFalse(decision.allowed());
            assertTrue(decision.retryAfterMillis() <= 6_000 + 6, "at most the wait Redis answered plus its margin");
            assertTrue(decision.resetAfterMillis() >= decision.retryAfterMillis());
            assertEquals(1, stats.getRefunded(), "the interrupted waiter's refund");
            assertEquals(0, stats.getRejected(), "admitted by Redis, then abandoned: no rejection");
            assertEquals(decisionsBefore + 1, stats.getDecisions(), "the reservation is a decision");
            assertEquals(10, stats.getAdmitted() - stats.getRefunded(), "Admitted - Refunded = the 10 tokens Redis holds");
            assertEquals(6_000, limiter.peek("slow", "e").retryAfterMillis(), 600, "the 10 taken, the reservation given back");
        }
    }

    @Test
    void closeWakesTheWaitersWhoseReservationsGoBack() throws Exception {
        LimiterConfig config = config();
        LimiterMetrics metrics = new LimiterMetrics(config.policies().values(), () -> "CLOSED");
        RedisRateLimiter limiter = RedisRateLimiter.connect(config, metrics);
        empty(limiter, "slow", "f");
        CompletableFuture<Decision> result = new CompletableFuture<>();
        CompletableFuture<Boolean> flagAfter = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            result.complete(limiter.acquire("slow", "f", 1, Duration.ofMinutes(10)));
            flagAfter.complete(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        Waiting.until("the waiter has reserved", Duration.ofSeconds(5),
                () -> limiter.peek("slow", "f").retryAfterMillis() > 9_000, () -> "no reservation");
        TimeUnit.MILLISECONDS.sleep(100);
        limiter.close();
        Decision decision = result.get(10, TimeUnit.SECONDS);
        assertFalse(decision.allowed(), "woken before its slot");
        assertFalse(flagAfter.get(5, TimeUnit.SECONDS), "close() left an interrupt flag on a thread nobody interrupted");
        assertEquals(1, metrics.stats("slow").getRefunded(), "refunded while the executor was still open");
        assertEquals(11, metrics.stats("slow").getAdmitted() , "the reservation was admitted before it went back");
        assertEquals(0, metrics.stats("slow").getRefundsLost());
        try (RedisRateLimiter other = RedisRateLimiter.connect(config)) {
            assertEquals(6_000, other.peek("slow", "f").retryAfterMillis(), 600, "the reservation was given back");
        }
    }

    @Test
    void everyCallAfterCloseBeganIsRefusedBeforeAskingRedisAndSetsNoFlag() throws Exception {
        LimiterConfig config = config();
        LimiterMetrics metrics = new LimiterMetrics(config.policies().values(), () -> "CLOSED");
        RedisRateLimiter limiter = RedisRateLimiter.connect(config, metrics);
        empty(limiter, "slow", "h");
        CompletableFuture<Decision> waiting = CompletableFuture.supplyAsync(
                () -> limiter.acquire("slow", "h", 1, Duration.ofMinutes(10)));
        Waiting.until("the waiter has reserved", Duration.ofSeconds(5),
                () -> limiter.peek("slow", "h").retryAfterMillis() > 9_000, () -> "no reservation");
        limiter.close();
        for (Runnable call : new Runnable[] {
                () -> limiter.acquire("slow", "h", 1, Duration.ofSeconds(30)),
                () -> limiter.tryAcquire("slow", "h"),
                () -> limiter.refund("slow", "h", 1)}) {
            assertThrows(IllegalStateException.class, call::run);
            assertFalse(Thread.currentThread().isInterrupted(), "a refused call set the interrupt flag");
        }
        assertFalse(waiting.get(5, TimeUnit.SECONDS).allowed());
        assertEquals(11, metrics.stats("slow").getDecisions(), "10 takes and the one reservation, nothing after close");
        assertEquals(1, metrics.stats("slow").getRefunded());
        try (RedisRateLimiter other = RedisRateLimiter.connect(config)) {
            assertEquals(6_000, other.peek("slow", "h").retryAfterMillis(), 600, "nothing reserved nor refunded after close");
        }
    }
}
