package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.resilience.CircuitBreaker;
import io.jakartaredis.limiter.testkit.RedisServer;

/** Readiness closes an open circuit by itself once Redis is back: a pod out of rotation gets no decisions to do it. */
class ReadinessRecoveryTest {

    @Test
    void readinessAloneClosesTheCircuitAfterRedisRecovers() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisRateLimiter limiter = TestLimiters.limiter(redis, "limiter.on-failure", "open",
                     "limiter.redis.timeout", "200ms", "limiter.circuit.failure-threshold", "1",
                     "limiter.circuit.cool-down", "200ms", "limiter.policy.api.limits", "5/1m")) {
            redis.freeze();
            try {
                limiter.tryAcquire("api", "alice");
                limiter.tryAcquire("api", "alice");
            } finally {
                redis.resume();
            }
            assertEquals(CircuitBreaker.State.OPEN, limiter.circuitState());
            RedisReadiness duringCoolDown = limiter.readiness();
            assertFalse(duringCoolDown.up());
            assertEquals(RedisReadiness.CIRCUIT_OPEN, duringCoolDown.reason());
            assertEquals(CircuitBreaker.State.OPEN, limiter.circuitState(), "no probe during the cool-down");

            Thread.sleep(300);
            RedisReadiness afterCoolDown = limiter.readiness();
            assertTrue(afterCoolDown.up(), () -> "reason " + afterCoolDown.reason());
            assertEquals(CircuitBreaker.State.CLOSED, afterCoolDown.circuit());
            assertEquals(CircuitBreaker.State.CLOSED, limiter.circuitState());
        }
    }
}
