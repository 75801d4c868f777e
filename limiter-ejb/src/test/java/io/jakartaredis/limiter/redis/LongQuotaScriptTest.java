package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/**
 * Long quotas (up to 10^9 tokens per 366 days) on explicit timelines: the script's pair arithmetic
 * loses no fraction of a token, however long the window and however odd the steps.
 */
class LongQuotaScriptTest {

    @RegisterExtension
    @Order(1)
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String KEY = "rate_limit:long:client";
    /** 2100-01-01: the script sets absolute expiry times (PXAT), which must lie ahead of Redis' own clock. */
    private static final long T0 = 4_102_444_800_000L;

    @RegisterExtension
    @Order(2)
    final ScriptTimeline timeline = new ScriptTimeline(REDIS);
    private TokenBucketScript script;

    @BeforeEach
    void connect() {
        script = timeline.script();
        try (var jedis = REDIS.server().admin()) {
            jedis.del(KEY);
        }
    }

    private static List<String> limits(String text) {
        return TokenBucketScript.limitArgs(LimiterConfigReader.parseLimits("test", text), T0);
    }

    /**
     * A client that takes every whole token there is at each step gets exactly the burst plus the
     * refill of the time elapsed, to one token, at every step: over the whole window with steps of
     * odd lengths (fractions of a token accumulate), and after several windows (no drift).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"1000000000/31d, 2678400000, 997", "10000000/30d, 2592000000, 1009", "1000000/1s, 1000, 7"})
    void admittedIsBurstPlusElapsedTimesRateOverTheWholeWindowAndSeveral(String limit, long windowMillis, long steps) {
        List<String> args = limits(limit);
        long capacity = Long.parseLong(args.get(0));
        long admitted = 0;
        long elapsed = 0;
        long last = 0;
        long step = windowMillis / steps + 1; // never a whole number of tokens per step
        for (int window = 1; window <= 4; window++) {
            while (elapsed < window * windowMillis) {
                BucketReply peek = script.peekAt(KEY, 1, T0 + elapsed, args);
                if (peek.remaining() > 0) {
                    BucketReply take = script.takeAt(KEY, (int) peek.remaining(), T0 + elapsed, args);
                    assertTrue(take.allowed(), "the tokens that a peek saw are there at " + elapsed);
                    assertEquals(0, take.remaining());
                    admitted += peek.remaining();
                }
                assertEquals(exactlyAdmissible(capacity, windowMillis, elapsed), admitted, 1.0, "at " + elapsed + " ms");
                last = elapsed;
                elapsed += step + (elapsed % 3); // odd and varying step lengths
            }
            assertEquals(exactlyAdmissible(capacity, windowMillis, last), admitted, 1.0,
                    "no drift after " + window + " windows");
        }
    }

    /** capacity + floor(elapsed * capacity / window), in exact arithmetic. */
    private static double exactlyAdmissible(long capacity, long windowMillis, long elapsed) {
        return capacity + BigInteger.valueOf(elapsed).multiply(BigInteger.valueOf(capacity))
                .divide(BigInteger.valueOf(windowMillis)).longValueExact();
    }

    @Test
    void aRateLimitThatBlocksChargesNothingToTheMonthlyQuota() {
        List<String> plan = limits("10/1s, 5000000/30d");
        assertTrue(script.takeAt(KEY, 10, T0, plan).allowed());
        BucketReply rejected = script.takeAt(KEY, 1, T0, plan);
        assertFalse(rejected.allowed());
        assertEquals(0, rejected.limitIndex(), "the rate limit blocks");
        // The monthly quota owes exactly its 10 tokens, 10 x 518.4 ms: the rejected call took nothing.
        assertEquals(T0 + 5184, fullAt("5000000/2592000000"));
    }

    @Test
    void aMonthlyQuotaThatBlocksChargesNothingToTheRateLimit() {
        // 4,999,995 of 5,000,000 used at T0 (by a configuration of the monthly quota alone).
        assertTrue(script.takeAt(KEY, 4_999_995, T0, limits("5000000/30d")).allowed());
        List<String> plan = limits("10/1s, 5000000/30d");
        script.takeAt(KEY, 1, T0 + 1, plan); // adds the rate limit, as used as the quota: full 1 s later
        // At T0 + 1100 the rate limit has 10, the quota floor((2592 + 1100) / 518.4) = 7.
        BucketReply blocked = script.takeAt(KEY, 10, T0 + 1100, plan);
        assertFalse(blocked.allowed());
        assertEquals(1, blocked.limitIndex(), "the monthly quota blocks");
        assertEquals(1492, blocked.retryAfterMillis(), "until 10 tokens, 5184 ms of refill, of which 3692 ms are there");
        BucketReply seven = script.takeAt(KEY, 7, T0 + 1100, plan);
        assertTrue(seven.allowed(), "the rate limit still has its 10: the rejected call charged nothing to it");
        assertEquals(0, seven.remaining());
        assertEquals(1, seven.limitIndex());
    }

    /** When the stored entry {@code id} is full again, ms: the key's expiry less d, less g units. */
    private long fullAt(String id) {
        try (var jedis = REDIS.server().admin()) {
            String[] words = jedis.get(KEY).split(" ");
            for (int i = 0; i < words.length; i++) {
                if (words[i].equals(id)) {
                    assertEquals("0", words[i + 1], "a whole number of ms");
                    return jedis.pexpireTime(KEY) - Long.parseLong(words[i + 2]);
                }
            }
        }
        throw new AssertionError("no entry " + id);
    }

    /**
     * A stored g of the capacity or more can only come from another writer or a corrupt key. The
     * one-limit shortcut and the general path read it the same way, as g = capacity - 1 (owing
     * more, never less): {@code 10/1000 99999 0 s} full 900 ms from now owes 9 tokens, 1 left,
     * in both; it once read as a full bucket on the shortcut.
     */
    @Test
    void aStoredGAboveTheCapacityReadsTheSameOnTheShortcutAndTheGeneralPath() {
        long now = T0 + 5_000;
        try (var jedis = REDIS.server().admin()) {
            jedis.set(KEY, "10/1000 99999 0 " + now / 1000);
            jedis.pexpireAt(KEY, now + 900);
        }
        BucketReply shortcut = script.peekAt(KEY, 1, now, limits("10/1s"));
        BucketReply general = script.peekAt(KEY, 1, now, limits("10/1s, 100000/1h"));
        assertEquals(1, shortcut.remaining(), "g read as 9: 8,991 units of 1/10 ms owed, 9 tokens");
        assertEquals(general.remaining(), shortcut.remaining(), "the general path reads it alike");
        assertEquals(900, shortcut.resetAfterMillis());
    }
}
