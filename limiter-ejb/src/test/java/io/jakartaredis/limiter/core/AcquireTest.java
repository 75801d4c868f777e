package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import io.jakartaredis.limiter.testkit.Waiting;

/** acquire on one node against a real Redis: rejections at once, interrupted waits refunded, the deny cache kept true. */
class AcquireTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisRateLimiter limiter;

    @BeforeEach
    void connect() {
        REDIS.server().flushAll();
        limiter = TestLimiters.limiter(REDIS.server(), "limiter.policy.slow.limits", "10/1m",
                "limiter.policy.huge.limits", "1000000000/1s");
    }

    @AfterEach
    void close() {
        limiter.close();
    }

    private void empty(String client) {
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.tryAcquire("slow", client).allowed());
        }
    }

    @Test
    void aCallWhoseSlotIsBeyondItsMaxWaitReturnsAtOnceHavingTakenNothing() {
        empty("c");
        long start = System.nanoTime();
        Decision rejected = limiter.acquire("slow", "c", 1, Duration.ofSeconds(1));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(rejected.allowed());
        assertFalse(rejected.tokensTaken());
        assertEquals(6_000, rejected.retryAfterMillis(), 200, "one token of 10/1m");
        assertTrue(elapsedMillis < 100, "returned after " + elapsedMillis + " ms");
        System.out.println("acquire beyond maxWait returned after " + elapsedMillis + " ms");
        assertEquals(6_000, limiter.peek("slow", "c").retryAfterMillis(), 200, "nothing reserved");
    }

    @Test
    void anAcquireWithTokensThereReturnsAtOnceHavingTakenThem() {
        Decision admitted = limiter.acquire("slow", "d", 3, Duration.ofSeconds(5));
        assertTrue(admitted.allowed());
        assertTrue(admitted.tokensTaken());
        assertEquals(0, admitted.retryAfterMillis());
        assertEquals(7, admitted.remaining());
    }

    @Test
    void anInterruptedWaiterGivesItsTokensBackAndKeepsTheInterrupt() throws Exception {
        empty("e");
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread[] waiter = new Thread[1];
        CompletableFuture<Decision> result = new CompletableFuture<>();
        waiter[0] = new Thread(() -> {
            Decision decision = limiter.acquire("slow", "e", 1, Duration.ofSeconds(10));
            interruptedAfter.set(Thread.currentThread().isInterrupted());
            result.complete(decision);
        });
        waiter[0].start();
        TimeUnit.MILLISECONDS.sleep(300);
        assertEquals(12_000, limiter.peek("slow", "e").retryAfterMillis(), 400, "the waiter's slot is reserved");
        waiter[0].interrupt();
        Decision decision = result.get(5, TimeUnit.SECONDS);
        assertFalse(decision.allowed());
        assertFalse(decision.tokensTaken());
        assertEquals(5_700, decision.retryAfterMillis(), 400, "the wait that was left");
        assertTrue(interruptedAfter.get(), "the interrupt flag is restored");
        assertEquals(6_000, limiter.peek("slow", "e").retryAfterMillis(), 600, "the reservation was given back");
    }

    @Test
    void aTakeBehindAReservationIsRejectedUntilItsSlotAndTheDenyCacheRepeatsThat() throws Exception {
        empty("f");
        Thread waiter = new Thread(() -> limiter.acquire("slow", "f", 1, Duration.ofSeconds(10)));
        waiter.start();
        try {
            Waiting.until("the waiter has reserved", Duration.ofSeconds(5),
                    () -> limiter.peek("slow", "f").retryAfterMillis() > 9_000, () -> "no reservation");
            Decision rejected = limiter.tryAcquire("slow", "f");
            assertFalse(rejected.allowed());
            assertEquals(12_000, rejected.retryAfterMillis(), 600, "after the reserved slot's token, one more");
            long localBefore = limiter.localDenials();
            Decision again = limiter.tryAcquire("slow", "f");
            assertEquals(localBefore + 1, limiter.localDenials(), "repeated by the deny cache");
            assertEquals(rejected.retryAfterMillis(), again.retryAfterMillis(), 100);
        } finally {
            waiter.interrupt();
            waiter.join(5_000);
        }
    }

    @Test
    void aRefundMakesThisNodeForgetItsRememberedRejection() {
        empty("g");
        assertFalse(limiter.tryAcquire("slow", "g").allowed());
        limiter.refund("slow", "g", 1);
        long localBefore = limiter.localDenials();
        assertTrue(limiter.tryAcquire("slow", "g").allowed(), "asked Redis, where the token is back");
        assertEquals(localBefore, limiter.localDenials());
    }

    @Test
    void maxWaitOutOfBoundsFailsNamingIt() {
        var negative = assertThrows(IllegalArgumentException.class,
                () -> limiter.acquire("slow", "h", 1, Duration.ofMillis(-1)));
        assertTrue(negative.getMessage().contains("maxWait of policy 'slow' must be between 0 and 1h, was PT-0.001S"), negative.getMessage());
        var tooLong = assertThrows(IllegalArgumentException.class,
                () -> limiter.acquire("slow", "h", 1, Duration.ofMinutes(61)));
        assertTrue(tooLong.getMessage().contains("was PT1H1M"), tooLong.getMessage());
        // the largest capacity with the longest wait: exact, so no bound beyond the hour
        assertTrue(limiter.acquire("huge", "h", 1, Duration.ofHours(1)).allowed());
    }
}
