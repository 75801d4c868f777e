package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** The script on deterministic timelines (explicit now) against a real Redis: replies, state and TTL. */
class TokenBucketScriptTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String KEY = "rate_limit:test:client";
    /** 2100-01-01: the script sets absolute expiry times (PXAT), which must lie ahead of Redis' own clock. */
    private static final long T0 = 4_102_444_800_000L;

    private ScriptExecutor executor;
    private TokenBucketScript script;

    @BeforeEach
    void connect() {
        executor = RedisClients.executor(TestLimiters.config(REDIS.server()).redis());
        script = new TokenBucketScript(executor);
    }

    @AfterEach
    void close() {
        executor.close();
    }

    private static List<String> limits(String... specs) {
        return TokenBucketScript.limitArgs(List.of(specs).stream().map(Limit::parse).toList());
    }

    @Test
    void itsCommandsAreReadFromItsSourceForTheReadinessAclCheck() {
        assertEquals(List.of("time", "zcount", "zremrangebyscore", "zrem", "zcard", "zrange", "pexpiretime", "zadd", "pexpireat",
                "get", "set"), TokenBucketScript.commands());
        assertEquals(List.of("time", "pexpiretime", "pexpireat", "get", "set"), TokenBucketScript.commands(false),
                "a deployment without concurrency limits needs no sorted-set command");
    }

    @Test
    void admitsExactlyCapacityThenRejectsWithRetryAfterOfOneToken() {
        List<String> tenPerSecond = limits("10/1s");
        for (int i = 0; i < 10; i++) {
            BucketReply reply = script.takeAt(KEY, 1, T0, tenPerSecond);
            assertTrue(reply.allowed(), "call " + i);
            assertEquals(9 - i, reply.remaining());
            assertEquals(0, reply.retryAfterMillis());
        }
        BucketReply rejected = script.takeAt(KEY, 1, T0, tenPerSecond);
        assertFalse(rejected.allowed());
        assertEquals(0, rejected.remaining());
        assertEquals(100, rejected.retryAfterMillis(), "one token takes window / capacity");
        assertEquals(1000, rejected.resetAfterMillis());
        assertEquals(10, rejected.limit());

        assertFalse(script.takeAt(KEY, 1, T0 + 99, tenPerSecond).allowed());
        assertTrue(script.takeAt(KEY, 1, T0 + 100, tenPerSecond).allowed(), "admitted exactly at retry-after");
    }

    @Test
    void refillLosesNoFractionalTokensOverFiftyWindows() {
        // 7 per second: one token every 142.857… ms, requests every 71 ms (about window / 2C).
        List<String> sevenPerSecond = limits("7/1s");
        long admitted = 0;
        long last = T0;
        for (long now = T0; now <= T0 + 50_000; now += 71) {
            admitted += script.takeAt(KEY, 1, now, sevenPerSecond).allowed() ? 1 : 0;
            last = now;
        }
        long exact = 7 + (last - T0) * 7 / 1000;
        assertEquals(exact, admitted, 1.0, "burst plus 50 windows of refill");
        assertTrue(admitted >= 7 + 349, "at least burst + 50C - 1, was " + admitted);
    }

    @Test
    void steadyClientPollingFasterThanOneTokenPerIntervalIsNotStarved() {
        // The floor-and-reset refill of the Go middleware admits nothing here after the burst.
        List<String> tenPerSecond = limits("10/1s");
        for (int i = 0; i < 10; i++) {
            script.takeAt(KEY, 1, T0, tenPerSecond);
        }
        long admitted = 0;
        for (long now = T0 + 1; now <= T0 + 10_000; now += 1) {
            admitted += script.takeAt(KEY, 1, now, tenPerSecond).allowed() ? 1 : 0;
        }
        assertEquals(100, admitted, "ten seconds at 10/s");
    }

    @Test
    void costTakesSeveralTokensAndRetryAfterCoversTheMissingOnes() {
        List<String> tenPerSecond = limits("10/1s");
        assertTrue(script.takeAt(KEY, 4, T0, tenPerSecond).allowed());
        assertTrue(script.takeAt(KEY, 4, T0, tenPerSecond).allowed());
        BucketReply rejected = script.takeAt(KEY, 4, T0, tenPerSecond);
        assertFalse(rejected.allowed());
        assertEquals(2, rejected.remaining(), "a rejection takes nothing");
        assertEquals(200, rejected.retryAfterMillis(), "two more tokens at 100 ms each");
        assertTrue(script.takeAt(KEY, 2, T0, tenPerSecond).allowed(), "a smaller cost still fits");
    }

    @Test
    void multipleLimitsConsumeFromAllOrNone() {
        List<String> twoLimits = limits("5/1s", "8/1h");
        for (int i = 0; i < 5; i++) {
            assertTrue(script.takeAt(KEY, 1, T0, twoLimits).allowed());
        }
        BucketReply perSecondFull = script.takeAt(KEY, 1, T0, twoLimits);
        assertFalse(perSecondFull.allowed());
        assertEquals(0, perSecondFull.limitIndex(), "the per-second limit blocks");
        assertEquals(200, perSecondFull.retryAfterMillis());

        // A second later the per-second limit is full again; the hourly one has 3 left, not fewer.
        for (int i = 0; i < 3; i++) {
            assertTrue(script.takeAt(KEY, 1, T0 + 1000, twoLimits).allowed());
        }
        BucketReply hourlyEmpty = script.takeAt(KEY, 1, T0 + 1000, twoLimits);
        assertFalse(hourlyEmpty.allowed());
        assertEquals(1, hourlyEmpty.limitIndex(), "the hourly limit blocks");
        assertEquals(8, hourlyEmpty.limit());
        assertEquals(3_600_000 / 8 - 1000, hourlyEmpty.retryAfterMillis(), "one hourly token, partly refilled");
        try (Jedis jedis = REDIS.server().admin()) {
            // Per second: 3 tokens owed, full 600 ms from now. Hourly: 8 tokens owed less 1 s of
            // refill, full 3,599,000 ms from now, which is the key's expiry.
            assertEquals(T0 + 1000 + 3_599_000, jedis.pexpireTime(KEY));
            assertEquals("5/1000 0 3598400 " + (T0 + 1000) / 1000 + " 8/3600000 0 0 " + T0 / 3_600_000, jedis.get(KEY),
                    "identity, g, d and when last configured, per limit: whole ms, per-second full 3,598,400 ms earlier");
        }
    }

    @Test
    void keyExpiresExactlyWhenTheBucketIsFullAgain() {
        List<String> tenPerMinute = limits("10/60s");
        script.takeAt(KEY, 3, T0, tenPerMinute);
        try (Jedis jedis = REDIS.server().admin()) {
            assertEquals(T0 + 18_000, jedis.pexpireTime(KEY), "three tokens at 6 s each");
            assertEquals("10/60000 0 0 " + T0 / 60_000, jedis.get(KEY), "a whole-ms token: g = 0, the expiry is the state");
        }
        assertEquals(18_000, script.takeAt(KEY, 1, T0, tenPerMinute).resetAfterMillis() - 6_000);
    }

    @Test
    void idleBucketLeavesNoKeyAndARejectionWritesNothing() {
        List<String> onePerSecond = limits("1/1s");
        script.takeAt(KEY, 1, T0, onePerSecond);
        try (Jedis jedis = REDIS.server().admin()) {
            String before = jedis.get(KEY);
            assertFalse(script.takeAt(KEY, 1, T0 + 10, onePerSecond).allowed());
            assertEquals(before, jedis.get(KEY));
        }
    }

    @Test
    void fractionalTokenIsStoredInUnitsOfOneCapacityThOfAMillisecond() {
        List<String> threePerSecond = limits("3/1s");
        script.takeAt(KEY, 1, T0, threePerSecond);
        try (Jedis jedis = REDIS.server().admin()) {
            // One token is 333.33… ms: full again at T0 + 334 ms, 2/3 ms before that whole ms.
            assertEquals(T0 + 334, jedis.pexpireTime(KEY));
            assertEquals("3/1000 2 0 " + T0 / 1000, jedis.get(KEY));
        }
        BucketReply second = script.takeAt(KEY, 1, T0 + 1, threePerSecond);
        assertEquals(1, second.remaining());
        assertEquals(666, second.resetAfterMillis(), "666.67 ms owed less 1 ms, rounded up");
    }

    @Test
    void clockGoingBackwardsNeverEmptiesMoreThanTheBucket() {
        List<String> tenPerSecond = limits("10/1s");
        script.takeAt(KEY, 10, T0, tenPerSecond);
        BucketReply earlier = script.takeAt(KEY, 1, T0 - 5_000, tenPerSecond);
        assertFalse(earlier.allowed());
        assertEquals(100, earlier.retryAfterMillis(), "empty, refilling from the earlier clock's now");
        assertTrue(script.takeAt(KEY, 10, T0 - 4_000, tenPerSecond).allowed());
    }

    @Test
    void largeLimitsStayExact() {
        List<String> large = limits("50000000/1d");
        assertEquals(1, script.takeAt(KEY, 49_999_999, T0, large).remaining());
        assertEquals(0, script.takeAt(KEY, 1, T0, large).remaining());
        BucketReply afterOneToken = script.takeAt(KEY, 1, T0 + 2, large);
        assertTrue(afterOneToken.allowed(), "one token every 1.728 ms");
    }
}
