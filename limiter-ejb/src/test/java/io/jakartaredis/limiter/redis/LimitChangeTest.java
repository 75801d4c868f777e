package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.testkit.RedisServerExtension;

/**
 * A policy's limits change while buckets are stored: whatever the change, and while two
 * configurations alternate on one key, no client is admitted more than the stricter of the old
 * and the new configuration would admit. Times in ms on an explicit timeline.
 */
class LimitChangeTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final ScriptTimeline timeline = new ScriptTimeline(REDIS);

    @Test
    void capacityRaisedKeepsTheOldLimitUntilNoCallerConfiguresIt() {
        assertEquals(10, timeline.admitted(0, 10, "10/1s"));
        assertEquals(0, timeline.admitted(0, 20, "20/1s"), "exhausted under the old limit");
        assertEquals(5, timeline.admitted(500, 20, "20/1s"), "the old 10/1s has refilled 5, the stricter");
        // Nobody has configured 10/1s for two of its windows: it is dropped, 20/1s alone decides.
        assertEquals(20, timeline.admitted(2_000, 30, "20/1s"));
        assertFalse(timeline.value().contains("10/1000 "), timeline.value());
    }

    @Test
    void capacityLoweredReadsTheRemainderInTheUnitsItWasStoredIn() {
        BucketReply nineLeft = timeline.take(0, 9_991, "10000/1s");
        assertEquals(9, nineLeft.remaining());
        assertEquals(0, timeline.admitted(0, 10, "10/1s"), "9 of 10,000 left is not 9 of 10: 9,991 tokens were taken");
        assertEquals(1, timeline.admitted(100, 10, "10/1s"), "a tenth of a second refills one of 10/1s");
    }

    @Test
    void windowShortenedTakesEffectOnceNoCallerConfiguresTheLongerOne() {
        assertEquals(10, timeline.admitted(0, 10, "10/10s"));
        assertEquals(0, timeline.admitted(500, 10, "10/1s"));
        assertEquals(1, timeline.admitted(1_000, 10, "10/1s"), "the old limit refills one token per second");
        assertEquals(10, timeline.admitted(20_000, 10, "10/1s"));
        assertEquals(5, timeline.admitted(20_500, 10, "10/1s"), "the new rate alone, 10/10s dropped");
    }

    @Test
    void windowLengthenedHandsNoTokensToAnExhaustedClient() {
        assertEquals(10, timeline.admitted(0, 10, "10/1m"));
        assertEquals(0, timeline.admitted(1, 10, "10/1h"));
        assertEquals(0, timeline.admitted(60_000, 10, "10/1h"), "the old limit is full again, the new one still owes");
        assertEquals(1, timeline.admitted(360_001, 10, "10/1h"), "one token of 10/1h every 6 minutes");
    }

    @Test
    void aLimitAddedStartsOwingAsMuchAsTheStoredOnes() {
        timeline.take(0, 60, "100/1m");
        BucketReply first = timeline.take(0, 1, "100/1m, 1000/1h");
        assertEquals(39, first.remaining(), "the hourly limit starts 60% used: 399 left, the minute 39");
        assertEquals(0, first.limitIndex());
        for (int minute = 1; minute <= 4; minute++) {
            assertTrue(timeline.take(minute * 60_000L, 100, "100/1m, 1000/1h").allowed(), "minute " + minute);
        }
        BucketReply hourly = timeline.take(300_000, 100, "100/1m, 1000/1h");
        assertFalse(hourly.allowed(), "a fresh hourly limit would have about 500 tokens left");
        assertEquals(1, hourly.limitIndex());
        assertEquals(1000, hourly.limit());
    }

    @Test
    void aLimitRemovedIsStillChargedUntilNoCallerConfiguresIt() {
        assertEquals(10, timeline.admitted(0, 10, "10/1s, 20/1h"));
        assertEquals(10, timeline.admitted(1_000, 10, "10/1s, 20/1h"));
        assertEquals(0, timeline.admitted(2_000, 10, "10/1s"), "the hourly limit is used up");
        assertEquals(1, timeline.admitted(181_000, 10, "10/1s"), "one hourly token every 3 minutes");
    }

    @Test
    void anEntryNoCallerConfiguresIsDroppedAfterOneToTwoOfItsWindows() {
        // 10/1m keeps the key alive; 100/10s is full again after 100 ms, and kept while it may be configured.
        timeline.take(0, 1, "10/1m, 100/10s");
        for (long at = 2_000; at < 20_000; at += 2_000) {
            assertTrue(timeline.take(at, 1, "10/1m").allowed());
            assertTrue(timeline.value().contains("100/10000 "), "carried at " + at + ": " + timeline.value());
        }
        assertTrue(timeline.take(20_000, 1, "10/1m").allowed());
        assertEquals("10/60000 0 0 " + (ScriptTimeline.T0 + 20_000) / 60_000, timeline.value());
    }

    @Test
    void twoConfigurationsAlternatingNeverLiftTheStricter() {
        // The rolling deployment of the issue: 200 alternating calls, 100/1m shared.
        int admitted = 0;
        for (int i = 0; i < 200; i++) {
            admitted += timeline.take(i, 1, i % 2 == 0 ? "100/1m" : "100/1m, 1000/1h").allowed() ? 1 : 0;
        }
        assertEquals(100, admitted);

        // The stricter limit is the one only half of the callers configure.
        int stricter = 0;
        for (int i = 0; i < 200; i++) {
            stricter += timeline.take(3_600_000 + i, 1, i % 2 == 0 ? "100/1m" : "100/1m, 50/1h").allowed() ? 1 : 0;
        }
        assertEquals(50, stricter);
    }

    @Test
    void aStricterLimitThatRejectsEveryCallIsNeverDropped() {
        // The old node calls every ms under 20/2s; the new one, once a second under 13/2s, is always
        // rejected. Its rejections must keep 13/2s configured, else it is dropped after two windows
        // and added again from the near-full 20/2s.
        long admitted = timeline.admitted(0, 1, "13/2s") + timeline.admitted(0, 1, "20/2s");
        for (long at = 1; at < 20_000; at++) {
            admitted += timeline.admitted(at, 1, "20/2s");
            if (at % 1_000 == 0) {
                admitted += timeline.admitted(at, 1, "13/2s");
            }
        }
        assertTrue(admitted <= 13 + 20_000 * 13 / 2_000, "13/2s admits at most 143 in 20 s, admitted " + admitted);
    }

    @Test
    void remainingCountsTheStoredLimitsTheCallerDoesNotConfigure() {
        timeline.take(0, 1, "10/1s");
        // 100/1m starts owing 10 of 100; the stored 10/1s has 9 left and decides.
        for (int left = 8; left >= 0; left--) {
            BucketReply reply = timeline.take(0, 1, "100/1m");
            assertTrue(reply.allowed(), "with " + left + " to be left");
            assertEquals(left, reply.remaining());
            assertEquals(0, reply.limitIndex(), "the tightest configured limit");
        }
        BucketReply rejected = timeline.take(0, 1, "100/1m");
        assertFalse(rejected.allowed());
        assertEquals(0, rejected.remaining());
    }

    @Test
    void aCostAboveAStoredCapacityWaitsUntilThatEntryIsDropped() {
        // Another configuration's 2/10s, full, configured now; 10/1m, which this caller configures, empty.
        long tenSeconds = ScriptTimeline.T0 / 10_000;
        long minute = ScriptTimeline.T0 / 60_000;
        timeline.store("2/10000 0 60000 " + tenSeconds + " 10/60000 0 0 " + minute, 60_000L);
        BucketReply rejected = timeline.take(0, 3, "10/1m");
        assertFalse(rejected.allowed());
        assertEquals(20_000, rejected.retryAfterMillis(),
                "2/10s never takes 3: it is dropped at 20 s, two of its windows without a caller; 10/1m has 3 at 18 s");
        assertFalse(timeline.take(18_000, 3, "10/1m").allowed());
        assertFalse(timeline.take(19_999, 3, "10/1m").allowed());
        assertTrue(timeline.take(20_000, 3, "10/1m").allowed());
    }

    @Test
    void aRejectionThatWritesNothingWaitsForTheStoredExpiryNotForNothing() {
        // A dropped 5/1h holds the key's expiry; another configuration's 2/10s and this caller's 10/1m are full.
        long hour = ScriptTimeline.T0 / 3_600_000;
        long tenSeconds = ScriptTimeline.T0 / 10_000;
        long minute = ScriptTimeline.T0 / 60_000;
        timeline.store("5/3600000 0 0 " + (hour - 2) + " 2/10000 0 60000 " + tenSeconds + " 10/60000 0 60000 " + minute,
                60_000L);
        BucketReply rejected = timeline.take(0, 3, "10/1m");
        assertFalse(rejected.allowed());
        assertEquals(20_000, rejected.retryAfterMillis(), "2/10s is dropped at 20 s; the key lives until 60 s");
        assertFalse(timeline.take(1, 3, "10/1m").allowed());
        assertTrue(timeline.take(20_000, 3, "10/1m").allowed());
    }

    @Test
    void anAbsurdStoredEntryNeverYieldsANegativeWait() {
        // Another writer's 1/(2^63 - 1 ms), owing 2^60 ms; this caller's 10/1s, full.
        timeline.store("1/9223372036854775807 0 0 0 10/1000 0 " + (1L << 60) + " " + ScriptTimeline.T0 / 1_000, 1L << 60);
        BucketReply rejected = timeline.take(0, 2, "10/1s");
        assertFalse(rejected.allowed());
        assertEquals(1L << 53, rejected.retryAfterMillis(), "capped, not wrapped to -2^63");
        assertEquals(1L << 53, rejected.resetAfterMillis());
    }

    /** The bound of the guarantee: limits are known only while the client's key lives. */
    @Test
    void aBucketFullAgainForgetsTheLimitsItHeld() {
        assertEquals(1, timeline.admitted(0, 1, "10/1m"));
        assertEquals(1, timeline.admitted(0, 1, "100/1m"));
        assertTrue(timeline.expiresAt() <= 60_000, "full again within a minute: the key, and both identities, expire");
        assertEquals(100, timeline.admitted(120_000, 200, "100/1m"), "the lenient node first: 10/1m is not known");
        assertEquals(0, timeline.admitted(120_000, 10, "10/1m"), "then 10/1m starts as used as 100/1m");
    }

    @Test
    void aValueWithoutEntriesOwesUntilItExpires() {
        // Written before limits had identities: a 10/1m bucket with 5 tokens taken, full in 30 s.
        timeline.store("0", 30_000L);
        assertEquals(5, timeline.admitted(0, 10, "10/1m"));

        // Any other shape, with an expiry beyond the window: empty, refilling from now.
        timeline.store("1 2 3", 60_000L);
        assertEquals(0, timeline.admitted(0, 10, "10/1s"));
        assertEquals(5, timeline.admitted(500, 10, "10/1s"));
    }

    @Test
    void aValueWithoutExpiryOwesAFullWindow() {
        timeline.store("something else", null);
        assertEquals(0, timeline.admitted(0, 5, "5/1s"));
        assertEquals(5, timeline.admitted(1_000, 5, "5/1s"));
    }
}
