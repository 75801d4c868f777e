package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.LogCapture;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** Tiers against a real Redis: each tier its own limits, one bucket per client whatever its tier. */
class TiersTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static final String[] PLANS = {"limiter.policy.api.limits", "100/1h", "limiter.policy.api.tiers.gold.limits", "1000/1h"};

    private static RedisRateLimiter limiter(String... more) {
        String[] all = new String[PLANS.length + more.length];
        System.arraycopy(PLANS, 0, all, 0, PLANS.length);
        System.arraycopy(more, 0, all, PLANS.length, more.length);
        return TestLimiters.limiter(REDIS.server(), all);
    }

    private static int admitted(RedisRateLimiter limiter, String tier, String client, int calls) {
        int admitted = 0;
        for (int i = 0; i < calls; i++) {
            admitted += limiter.tryAcquire("api", tier, client, 1).allowed() ? 1 : 0;
        }
        return admitted;
    }

    @Test
    void freeAndGoldClientsGetTheirOwnLimitsAndDecisionsNameTheirTier() {
        try (RedisRateLimiter limiter = limiter()) {
            assertEquals(100, admitted(limiter, Decision.DEFAULT_TIER, "user:free", 150));
            assertEquals(1000, admitted(limiter, "gold", "user:gold", 1050));
            Decision gold = limiter.tryAcquire("api", "gold", "user:gold-2", 1);
            assertEquals("gold", gold.tier());
            assertEquals(1000, gold.limit());
            assertEquals(999, gold.remaining());
            Decision free = limiter.tryAcquire("api", "user:free-2");
            assertEquals(Decision.DEFAULT_TIER, free.tier());
            assertEquals(100, free.limit());
        }
    }

    @Test
    void aDowngradeFromGoldWith900UsedAdmitsNothingUntilTheFreeLimitRefills() {
        try (RedisRateLimiter limiter = limiter("limiter.deny-cache.enabled", "false")) {
            assertEquals(900, admitted(limiter, "gold", "user:d", 900));
            assertEquals(0, admitted(limiter, Decision.DEFAULT_TIER, "user:d", 20), "the 900 used count against free's 100");
            Decision next = limiter.peek("api", Decision.DEFAULT_TIER, "user:d", 1);
            assertFalse(next.allowed());
            assertEquals(100, next.limit(), "described by the free tier's limit");
            assertTrue(next.retryAfterMillis() > 30_000 && next.retryAfterMillis() <= 36_000,
                    "one free token per 36 s from the downgrade: " + next.retryAfterMillis());
            try (Jedis jedis = REDIS.server().admin()) {
                assertEquals(1, jedis.keys("rate_limit:api:*").size(), "one bucket whatever the tier");
            }
        }
    }

    @Test
    void anUpgradeOfAnExhaustedFreeClientOwesAllOfGoldAndIsDescribedByTheNewTier() {
        try (RedisRateLimiter limiter = limiter()) {
            assertEquals(100, admitted(limiter, Decision.DEFAULT_TIER, "user:u", 101));
            long localBefore = limiter.localDenials();
            Decision upgraded = limiter.tryAcquire("api", "gold", "user:u", 1);
            assertEquals(localBefore, limiter.localDenials(), "a rejection remembered under free does not answer for gold");
            assertFalse(upgraded.allowed(), "gold starts as used as free was: all of it");
            assertEquals("gold", upgraded.tier());
            assertEquals(1000, upgraded.limit());
            assertTrue(upgraded.retryAfterMillis() <= 3_600, "gold's 3.6 s per token, not free's 36 s: " + upgraded);
            Decision again = limiter.tryAcquire("api", "gold", "user:u", 1);
            assertFalse(again.allowed());
            assertEquals(localBefore + 1, limiter.localDenials(), "remembered under gold, it answers for gold");
            assertEquals("gold", again.tier());
        }
    }

    @Test
    void oneCallUnderTheDefaultTierLeavesAGoldClientGoldsLimits() {
        try (RedisRateLimiter limiter = limiter("limiter.deny-cache.enabled", "false")) {
            assertTrue(limiter.tryAcquire("api", "user:g").allowed(), "a cold plan cache: the default tier, once");
            Decision gold = limiter.tryAcquire("api", "gold", "user:g", 1);
            assertEquals(1000, gold.limit());
            assertEquals(989, gold.remaining(), "gold owes free's fraction used, 1% (10 tokens), then its call: " + gold);
            assertEquals(39_600, gold.resetAfterMillis(), "11 gold tokens to refill, described by gold's entry");
            assertEquals(989, admitted(limiter, "gold", "user:g", 1100), "not free's 99 left");
        }
    }

    @Test
    void aRefundUnderATierGivesBackWhatItTook() {
        try (RedisRateLimiter limiter = limiter()) {
            assertEquals(1000, admitted(limiter, "gold", "user:r", 1000));
            limiter.refund("api", "gold", "user:r", 3);
            assertEquals(3, admitted(limiter, "gold", "user:r", 5));
        }
    }

    @Test
    void unknownTiersGetThePolicysOwnLimitsWithOneWarningPerMinuteAndNullOrBlankAreSilent() {
        try (RedisRateLimiter limiter = limiter()) {
            log.clear();
            Decision unknown = limiter.tryAcquire("api", "platinum", "user:p", 1);
            assertEquals(Decision.DEFAULT_TIER, unknown.tier());
            assertEquals(100, unknown.limit());
            limiter.tryAcquire("api", "platinum", "user:p", 1);
            limiter.tryAcquire("api", "pla\ntinum", "user:p", 1);
            assertEquals(Decision.DEFAULT_TIER, limiter.tryAcquire("api", null, "user:p", 1).tier());
            assertEquals(Decision.DEFAULT_TIER, limiter.tryAcquire("api", " ", "user:p", 1).tier());
            var warnings = log.at(Level.WARNING);
            assertEquals(1, warnings.size(), String.join("", warnings));
            assertTrue(warnings.get(0).contains("Policy 'api' has no tier 'platinum' (tiers: [gold]): the policy's own limits applied "
                    + "instead, to 1 call naming unknown tiers"), warnings.get(0));
            assertFalse(warnings.get(0).contains("user:p"), "never the client key");
        }
    }

    @Test
    void theUnknownTierLogSummarisesTheCallsOfAMinuteWithoutShowingAHostileName() {
        long[] nanos = {0};
        var policy = LimiterConfigReader.read(ConfigValues.of(Map.of(PLANS[0], PLANS[1], PLANS[2], PLANS[3]))).policy("api").orElseThrow();
        var unknownTiers = new UnknownTierLog(policy, Duration.ofMinutes(1), () -> nanos[0]);
        unknownTiers.called("silver");
        nanos[0] = Duration.ofSeconds(59).toNanos();
        unknownTiers.called("silver");
        unknownTiers.called("x\u001b[31m");
        nanos[0] = Duration.ofSeconds(60).toNanos();
        unknownTiers.called("y\u001b[31m");
        var warnings = log.at(Level.WARNING);
        assertEquals(2, warnings.size(), String.join("", warnings));
        assertTrue(warnings.get(1).contains("has no tier named by 6 characters that no tier name can have (tiers: [gold]): "
                + "the policy's own limits applied instead, to 3 calls"), warnings.get(1));
    }

    @Test
    void theLocalFailurePolicyKeepsABucketOfEachTiersCapacity() {
        var config = LimiterConfigReader.read(ConfigValues.of(Map.of("limiter.policy.api.limits", "2/1m",
                "limiter.policy.api.tiers.gold.limits", "20/1m", "limiter.on-failure", "local")));
        try (RedisRateLimiter limiter = new RedisRateLimiter(config, new DeadRedis(), DecisionListener.NONE, () -> 0L)) {
            assertEquals(20, admitted(limiter, "gold", "user:l", 30));
            Decision free = limiter.tryAcquire("api", "user:l");
            assertTrue(free.allowed(), "the free tier counts in a local bucket of its own capacity");
            assertEquals(1, free.remaining());
            Decision gold = limiter.tryAcquire("api", "gold", "user:l", 1);
            assertFalse(gold.allowed());
            assertEquals("gold", gold.tier());
            assertEquals(20, gold.limit());
        }
    }

    @Test
    void shadowModeLetsATiersRejectionsProceedMarkedWithTheTier() {
        try (RedisRateLimiter limiter = limiter("limiter.policy.api.mode", "shadow")) {
            assertEquals(1000, admitted(limiter, "gold", "user:s", 1000));
            Decision shadow = limiter.tryAcquire("api", "gold", "user:s", 1);
            assertTrue(shadow.allowed());
            assertTrue(shadow.shadowRejected());
            assertEquals("gold", shadow.tier());
            assertEquals(1000, shadow.limit());
        }
    }

    @Test
    void aCostAboveATiersCapacityIsRefusedNamingTheTier() {
        var config = LimiterConfigReader.read(ConfigValues.of(Map.of("limiter.policy.api.limits", "100/1m",
                "limiter.policy.api.tiers.tiny.limits", "2/1m")));
        try (RedisRateLimiter limiter = new RedisRateLimiter(config, new DeadRedis(), DecisionListener.NONE, () -> 0L)) {
            var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> limiter.tryAcquire("api", "tiny", "user:c", 3));
            assertTrue(refused.getMessage().contains("in tier 'tiny'"), refused.getMessage());
        }
    }
}
