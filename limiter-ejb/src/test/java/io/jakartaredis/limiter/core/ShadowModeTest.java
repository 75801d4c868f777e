package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.LogCapture;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.metrics.LimiterMetrics;
import io.jakartaredis.limiter.metrics.PolicyStats;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** A policy in shadow mode against the same policy enforced, on a real Redis. */
class ShadowModeTest {

    /** Both keys are written within the same few ms of the loop; the machine is loaded, so allow 1 s. */
    private static final long EXPIRY_TOLERANCE_MILLIS = 1_000;

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void shadowLetsEveryCallThroughCountsWouldBeRejectionsAndStoresTheSameBucketAsEnforced() {
        LimiterConfig config = TestLimiters.config(REDIS.server(),
                "limiter.policy.enforced.limits", "5/1m",
                "limiter.policy.shadow.limits", "5/1m",
                "limiter.policy.shadow.mode", "shadow");
        LimiterMetrics metrics = new LimiterMetrics(config.policies().values(), () -> "CLOSED");
        int enforcedAdmitted = 0;
        int shadowProceeded = 0;
        int shadowMarked = 0;
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config, metrics)) {
            for (int i = 0; i < 20; i++) {
                Decision enforced = limiter.tryAcquire("enforced", "ip:10.0.0.1");
                Decision shadow = limiter.tryAcquire("shadow", "ip:10.0.0.1");
                enforcedAdmitted += enforced.allowed() ? 1 : 0;
                shadowProceeded += shadow.allowed() ? 1 : 0;
                shadowMarked += shadow.shadowRejected() ? 1 : 0;
                assertEquals(enforced.remaining(), shadow.remaining(), "call " + i);
                assertEquals(enforced.allowed() && enforced.tokensTaken(), shadow.tokensTaken(), "call " + i);
                assertEquals(!enforced.allowed(), shadow.shadowRejected(), "call " + i);
                assertEquals(enforced.retryAfterMillis() > 0, shadow.retryAfterMillis() > 0, "call " + i);
            }
        }
        assertEquals(5, enforcedAdmitted);
        assertEquals(20, shadowProceeded);
        assertEquals(15, shadowMarked);
        PolicyStats shadowStats = metrics.stats("shadow");
        PolicyStats enforcedStats = metrics.stats("enforced");
        assertEquals(15, shadowStats.getShadowRejected());
        assertEquals(0, shadowStats.getRejected());
        assertEquals(20, shadowStats.getAdmitted(), "shadow rejections are admitted");
        assertEquals("shadow", shadowStats.getMode());
        assertEquals(15, enforcedStats.getRejected());
        assertEquals(0, enforcedStats.getShadowRejected());
        assertEquals(enforcedStats.getRejectedLocally(), shadowStats.getRejectedLocally(), "the deny cache answers alike");
        try (Jedis jedis = REDIS.server().admin()) {
            String enforcedValue = jedis.get("rate_limit:enforced:ip:10.0.0.1");
            assertEquals(enforcedValue, jedis.get("rate_limit:shadow:ip:10.0.0.1"));
            long enforcedExpiry = jedis.pexpireTime("rate_limit:enforced:ip:10.0.0.1");
            long shadowExpiry = jedis.pexpireTime("rate_limit:shadow:ip:10.0.0.1");
            assertTrue(enforcedExpiry > 0 && Math.abs(enforcedExpiry - shadowExpiry) <= EXPIRY_TOLERANCE_MILLIS,
                    "expiries " + enforcedExpiry + " and " + shadowExpiry + " (value " + enforcedValue + ")");
        }
        List<String> shadowLines = log.at(Level.INFO).stream().filter(l -> l.contains("(shadow mode) would have rejected"))
                .toList();
        assertEquals(2, shadowLines.size(), "one line at once, the rest summarised at close: " + shadowLines);
        assertTrue(shadowLines.get(0).contains("Policy shadow (shadow mode) would have rejected ip:10.0.0.1 (limit 5/1m"),
                shadowLines.get(0));
        assertTrue(shadowLines.get(1).contains("would have rejected 14 calls of 1 clients"), shadowLines.get(1));
        assertTrue(log.all().contains("Policies [shadow] are in shadow mode"), "said once at startup");
    }

    @Test
    void globalModeAppliesToEveryPolicyThatSetsNoneOfItsOwn() {
        LimiterConfig config = TestLimiters.config(REDIS.server(),
                "limiter.mode", "shadow",
                "limiter.policy.a.limits", "1/1h",
                "limiter.policy.b.limits", "1/1h",
                "limiter.policy.b.mode", "enforce");
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
            limiter.tryAcquire("a", "global");
            limiter.tryAcquire("b", "global");
            assertTrue(limiter.tryAcquire("a", "global").shadowRejected());
            assertFalse(limiter.tryAcquire("b", "global").allowed());
        }
    }

    @Test
    void aReservationBeyondMaxWaitOfAShadowPolicyProceedsAtOnce() {
        LimiterConfig config = TestLimiters.config(REDIS.server(),
                "limiter.policy.outbound.limits", "1/1h", "limiter.policy.outbound.mode", "shadow");
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
            assertTrue(limiter.acquire("outbound", "global", 1, java.time.Duration.ofSeconds(1)).tokensTaken());
            Decision overMaxWait = limiter.acquire("outbound", "global", 1, java.time.Duration.ofSeconds(1));
            assertTrue(overMaxWait.allowed() && overMaxWait.shadowRejected() && !overMaxWait.tokensTaken(), overMaxWait.toString());
            assertTrue(overMaxWait.retryAfterMillis() > 3_000_000, "the wait it would have needed: " + overMaxWait);
        }
    }

    @Test
    void aRejectionOfALocalBucketWhileRedisIsDownIsAShadowRejectionToo() {
        LimiterConfig config = LimiterConfigReader.read(ConfigValues.of(Map.of("limiter.policy.api.limits", "2/1m",
                "limiter.policy.api.mode", "shadow", "limiter.on-failure", "local")));
        RecordingListener listener = new RecordingListener();
        try (RedisRateLimiter limiter = new RedisRateLimiter(config, new DeadRedis(), listener, () -> 0L)) {
            assertFalse(limiter.tryAcquire("api", "ip:1").shadowRejected());
            assertFalse(limiter.tryAcquire("api", "ip:1").shadowRejected());
            Decision third = limiter.tryAcquire("api", "ip:1");
            assertTrue(third.allowed() && third.shadowRejected() && !third.tokensTaken(), third.toString());
            assertTrue(third.retryAfterMillis() > 0, "the local bucket's numbers: " + third);
        }
        assertEquals(List.of("allowed ip:1 without Redis", "allowed ip:1 without Redis", "allowed ip:1 without Redis"),
                listener.heard);
    }
}
