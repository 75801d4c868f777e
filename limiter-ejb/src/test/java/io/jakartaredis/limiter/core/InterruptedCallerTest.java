package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.resilience.CircuitBreaker;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/** A thread whose interrupt flag is set is limited exactly as any other: an interrupt is no Redis failure. */
class InterruptedCallerTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @AfterEach
    void clearFlag() {
        Thread.interrupted();
    }

    @ParameterizedTest
    @ValueSource(strings = {"closed", "open"})
    void anInterruptedThreadIsLimitedAsAnyOther(String onFailure) {
        REDIS.server().flushAll();
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), "limiter.policy.p.limits", "2/1h",
                "limiter.policy.p.on-failure", onFailure, "limiter.deny-cache.enabled", "false")) {
            assertTrue(limiter.tryAcquire("p", "c").allowed());
            assertTrue(limiter.tryAcquire("p", "c").allowed());
            Thread.currentThread().interrupt();
            int admitted = 0;
            for (int i = 0; i < 50; i++) {
                if (limiter.tryAcquire("p", "c").allowed()) {
                    admitted++;
                }
            }
            assertEquals(0, admitted, "admitted on an emptied 2/1h bucket");
            assertEquals(CircuitBreaker.State.CLOSED, limiter.circuitState());
            assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set");
        }
    }

    @Test
    void anAcquireCalledInterruptedIsRejectedAtOnceHavingReservedNothing() {
        REDIS.server().flushAll();
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), "limiter.policy.p.limits", "2/1h",
                "limiter.policy.p.on-failure", "open")) {
            Thread.currentThread().interrupt();
            Decision decision = limiter.acquire("p", "d", 1, Duration.ofSeconds(1));
            assertFalse(decision.allowed());
            assertFalse(decision.tokensTaken());
            assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set");
            assertEquals(2, limiter.peek("p", "d").remaining(), "nothing reserved");
            assertEquals(CircuitBreaker.State.CLOSED, limiter.circuitState());
        }
    }
}
