package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.logging.Level;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.LogCapture;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.metrics.LimiterMetrics;
import io.jakartaredis.limiter.resilience.CircuitBreaker;
import io.jakartaredis.limiter.testkit.RedisServer;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/**
 * A policy, or a tier, with a concurrency limit and no bucket limit: it takes no token, so a
 * refund has nothing to give back, and no path (take, reservation, peek, refund, release, shadow,
 * the failure policies) is an error or moves the circuit breaker.
 */
class ConcurrencyOnlyPolicyTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static final String[] POLICIES = {
        "limiter.policy.slots.concurrency", "2",
        "limiter.policy.shadow.concurrency", "1", "limiter.policy.shadow.mode", "shadow",
        "limiter.policy.tiered.limits", "100/1h", "limiter.policy.tiered.tiers.gold.concurrency", "2",
        "limiter.policy.open.concurrency", "2", "limiter.policy.open.on-failure", "open",
        "limiter.policy.local.concurrency", "2", "limiter.policy.local.on-failure", "local",
        "limiter.local.nodes", "1",
        // one failure would open it: any error reply below shows as an OPEN circuit
        "limiter.circuit.failure-threshold", "1",
    };

    @BeforeEach
    void flush() {
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.flushAll();
        }
    }

    @Test
    void aDecisionTakesNoTokensAndItsRefundsNeverReachRedisNorOpenTheCircuit() {
        var config = TestLimiters.config(REDIS.server(), POLICIES);
        LimiterMetrics metrics = new LimiterMetrics(config.policies().values(), () -> "CLOSED");
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config, metrics)) {
            Decision held = limiter.tryAcquire("slots", "alice");
            assertTrue(held.allowed() && held.holdsSlot());
            assertFalse(held.tokensTaken(), "a concurrency limit alone takes no token");
            Decision gold = limiter.tryAcquire("tiered", "gold", "bob", 1);
            assertTrue(gold.holdsSlot());
            assertFalse(gold.tokensTaken(), "the gold tier has no bucket limit");
            for (int i = 0; i < 10; i++) {
                limiter.refund("slots", "alice", 1);
                limiter.refund("tiered", "gold", "bob", 1);
            }
            assertEquals(CircuitBreaker.State.CLOSED, limiter.circuitState());
            assertEquals(0, metrics.stats("slots").getRefundsLost());
            assertEquals(0, metrics.stats("tiered").getRefundsLost());
            assertEquals(0, metrics.stats("slots").getRefunded(), "nothing was given back");
            limiter.release(held);
            limiter.release(gold);
            assertEquals(CircuitBreaker.State.CLOSED, limiter.circuitState());
            assertTrue(logs.at(Level.WARNING).isEmpty(), logs.at(Level.WARNING).toString());
        }
    }

    @Test
    void peekReservationAndShadowOfAConcurrencyLimitAloneAnswerWithoutAnError() {
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), POLICIES)) {
            assertEquals(2, limiter.peek("slots", "alice").freeSlots());
            assertEquals(2, limiter.peek("tiered", "gold", "bob", 1).freeSlots());
            Decision reserved = limiter.acquire("slots", "alice", 1, Duration.ofSeconds(1));
            assertTrue(reserved.holdsSlot());
            assertFalse(reserved.tokensTaken());
            assertEquals(0, reserved.retryAfterMillis(), "no bucket to wait for");
            assertTrue(limiter.tryAcquire("shadow", "carol").holdsSlot());
            Decision shadowRejected = limiter.tryAcquire("shadow", "carol");
            assertTrue(shadowRejected.shadowRejected());
            assertFalse(shadowRejected.tokensTaken());
            limiter.refund("shadow", "carol", 1);
            limiter.release(reserved);
            assertEquals(CircuitBreaker.State.CLOSED, limiter.circuitState());
        }
    }

    @Test
    void theFailurePoliciesDecideAConcurrencyLimitAloneWithoutAnExceptionAndTakeNoTokens() {
        RedisServer redis = RedisServer.start();
        try (RedisRateLimiter limiter = TestLimiters.limiter(redis, POLICIES)) {
            redis.kill();
            Decision open = limiter.tryAcquire("open", "alice");
            assertTrue(open.allowed());
            assertFalse(open.tokensTaken() || open.holdsSlot());
            assertTrue(limiter.peek("open", "alice").allowed());
            Decision local = limiter.acquire("local", "alice", 1, Duration.ofSeconds(1));
            assertTrue(local.holdsSlot() && !local.tokensTaken());
            assertEquals(1, limiter.peek("local", "alice").freeSlots());
            limiter.refund("local", "alice", 1);
            limiter.release(local);
            assertEquals(2, limiter.peek("local", "alice").freeSlots());
        } finally {
            redis.close();
        }
    }
}
