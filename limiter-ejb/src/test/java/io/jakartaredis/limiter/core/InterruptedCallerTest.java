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
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.metrics.LimiterMetrics;
import io.jakartaredis.limiter.resilience.CircuitBreaker;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/**
 * A thread whose interrupt flag is set is limited exactly as any other: an interrupt is no Redis failure, and an
 * interrupted acquire is a plain take (it cannot wait).
 */
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
    void anAcquireCalledInterruptedIsAPlainTakeThatReservesNoSlot() {
        REDIS.server().flushAll();
        LimiterConfig config = TestLimiters.config(REDIS.server(), "limiter.policy.p.limits", "2/1h",
                "limiter.policy.p.on-failure", "open");
        LimiterMetrics metrics = new LimiterMetrics(config.policies().values(), () -> "CLOSED");
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config, metrics)) {
            Thread.currentThread().interrupt();
            assertTrue(limiter.acquire("p", "d", 1, Duration.ofSeconds(1)).allowed(), "a token is there now");
            assertTrue(limiter.acquire("p", "d", 1, Duration.ZERO).allowed());
            Decision decision = limiter.acquire("p", "d", 1, Duration.ofHours(1));
            assertFalse(decision.allowed(), "the wait would be 30 min: an interrupted caller cannot wait");
            assertFalse(decision.tokensTaken());
            assertEquals(1_800_000, decision.retryAfterMillis(), 5_000, "a real retry-after");
            assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set");
            assertEquals(0, limiter.peek("p", "d").remaining(), "no slot reserved");
            assertEquals(1_800_000, limiter.peek("p", "d").retryAfterMillis(), 5_000, "no slot reserved");
            assertEquals(3, metrics.stats("p").getDecisions(), "each is a decision");
            assertEquals(1, metrics.stats("p").getRejected());
            assertEquals(CircuitBreaker.State.CLOSED, limiter.circuitState());
        }
    }

    @Test
    void anInterruptedAcquireOnAShadowPolicyIsAShadowRejection() {
        REDIS.server().flushAll();
        LimiterConfig config = TestLimiters.config(REDIS.server(), "limiter.policy.s.limits", "1/1h",
                "limiter.policy.s.mode", "shadow");
        LimiterMetrics metrics = new LimiterMetrics(config.policies().values(), () -> "CLOSED");
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config, metrics)) {
            assertTrue(limiter.tryAcquire("s", "e").allowed());
            Thread.currentThread().interrupt();
            Decision decision = limiter.acquire("s", "e", 1, Duration.ofSeconds(5));
            assertTrue(decision.allowed(), "shadow mode never refuses");
            assertTrue(decision.shadowRejected());
            assertEquals(1, metrics.stats("s").getShadowRejected());
        }
    }
}
