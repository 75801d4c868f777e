package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.LogCapture;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/**
 * Every tier shape that the configuration accepts decides calls, on Redis and under every failure
 * policy: a tier with a concurrency limit only, one with limits only, one with both.
 */
class TierShapesTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static final String[] SHAPES = {"limiter.policy.api.limits", "2/1h",
            "limiter.policy.api.tiers.slots.concurrency", "2",
            "limiter.policy.api.tiers.gold.limits", "20/1h",
            "limiter.policy.api.tiers.both.limits", "3/1h", "limiter.policy.api.tiers.both.concurrency", "1",
            "limiter.policy.other.limits", "100/1h"};

    private static String[] with(String... more) {
        String[] all = new String[SHAPES.length + more.length];
        System.arraycopy(SHAPES, 0, all, 0, SHAPES.length);
        System.arraycopy(more, 0, all, SHAPES.length, more.length);
        return all;
    }

    @Test
    void aTierWithOnlyAConcurrencyLimitHoldsSlotsOnRedisAndNeverOpensTheCircuit() {
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), with("limiter.on-failure", "closed"))) {
            for (int i = 0; i < 10; i++) {
                Decision held = limiter.tryAcquire("api", "slots", "user:c" + i, 1);
                assertTrue(held.allowed(), "no rate limit in the tier: " + held);
                assertEquals("slots", held.tier());
                assertEquals(1, held.freeSlots());
                Decision second = limiter.tryAcquire("api", "slots", "user:c" + i, 1);
                assertTrue(second.allowed());
                assertFalse(limiter.tryAcquire("api", "slots", "user:c" + i, 1).allowed(), "2 slots held");
                limiter.release(held);
                assertTrue(limiter.tryAcquire("api", "slots", "user:c" + i, 1).allowed(), "a released slot is free again");
            }
            assertTrue(limiter.tryAcquire("other", "user:c0").allowed(), "another policy still decided by Redis");
            assertTrue(limiter.peek("api", "slots", "user:fresh", 1).allowed());
        }
    }

    @Test
    void aTierWithLimitsAndAConcurrencyLimitEnforcesBoth() {
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), SHAPES)) {
            Decision held = limiter.tryAcquire("api", "both", "user:b", 1);
            assertTrue(held.allowed());
            assertFalse(limiter.tryAcquire("api", "both", "user:b", 1).allowed(), "the tier's one slot is held");
            limiter.release(held);
            for (int i = 0; i < 2; i++) {
                limiter.release(limiter.tryAcquire("api", "both", "user:b", 1));
            }
            Decision rate = limiter.tryAcquire("api", "both", "user:b", 1);
            assertFalse(rate.allowed(), "3/1h taken");
            assertEquals(3, rate.limit());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "local"})
    void everyTierShapeIsDecidedByTheFailurePolicyWhileRedisIsDown(String onFailure) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < SHAPES.length; i += 2) {
            values.put(SHAPES[i], SHAPES[i + 1]);
        }
        values.put("limiter.on-failure", onFailure);
        var config = LimiterConfigReader.read(ConfigValues.of(values));
        try (RedisRateLimiter limiter = new RedisRateLimiter(config, new DeadRedis(), DecisionListener.NONE, () -> 0L)) {
            for (String tier : new String[] {"slots", "gold", "both", Decision.DEFAULT_TIER}) {
                Decision decided = limiter.tryAcquire("api", tier, "user:o", 1);
                assertTrue(decided.allowed(), tier + ": " + decided);
                assertEquals(tier, decided.tier());
                assertTrue(limiter.peek("api", tier, "user:o2", 1).allowed(), tier);
                limiter.release(decided);
                Decision waited = limiter.acquire("api", tier, "user:o3", 1, Duration.ZERO);
                assertTrue(waited.allowed(), tier);
                limiter.release(waited);
            }
        }
    }

    @Test
    void inShadowModeATierWithOnlyAConcurrencyLimitLetsACallOverItProceed() {
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), with("limiter.policy.api.mode", "shadow"))) {
            Decision first = limiter.tryAcquire("api", "slots", "user:s", 1);
            Decision second = limiter.tryAcquire("api", "slots", "user:s", 1);
            Decision over = limiter.tryAcquire("api", "slots", "user:s", 1);
            assertTrue(first.allowed() && second.allowed() && over.allowed());
            assertTrue(over.shadowRejected());
            assertEquals("slots", over.tier());
            assertTrue(log.all().contains("(limit 2 in flight (lease 30s) of tier 'slots', retry after"),
                    "the log names the tier's limit, not the policy's 2/1h: " + log.all());
            limiter.release(first);
            limiter.release(over);
            assertTrue(limiter.peek("api", "slots", "user:s", 1).allowed());
        }
    }
}
