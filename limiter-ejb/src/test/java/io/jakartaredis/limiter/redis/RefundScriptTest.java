package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.testkit.RedisServerExtension;

/** Refunds on an explicit timeline: never above capacity, nothing for a missing key, never a new entry. */
class RefundScriptTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final ScriptTimeline timeline = new ScriptTimeline(REDIS);

    private static final long SECOND_WINDOW = ScriptTimeline.T0 / 1000;
    private static final long HOUR_WINDOW = ScriptTimeline.T0 / 3_600_000;

    @Test
    void aRefundGivesTheCostBackToTheBucket() {
        timeline.take(0, 5, "10/1s");
        BucketReply refund = timeline.refund(0, 2, "10/1s");
        assertTrue(refund.allowed());
        assertEquals(7, refund.remaining());
        assertEquals(300, refund.resetAfterMillis());
        assertEquals(300, timeline.expiresAt());
        assertEquals(7, timeline.peek(0, 1, "10/1s").remaining());
    }

    @Test
    void aRefundNeverFillsABucketAboveItsCapacityAndExpiresAFullOne() {
        timeline.take(0, 3, "10/1s");
        BucketReply refund = timeline.refund(0, 5, "10/1s");
        assertTrue(refund.allowed());
        assertEquals(10, refund.remaining());
        assertEquals(0, timeline.expiresAt(), "expired now (on Redis' own clock: deleted), a full bucket");
        assertEquals(10, timeline.peek(0, 1, "10/1s").remaining());
        assertEquals(10, timeline.admitted(0, 20, "10/1s"), "the capacity, not more");
    }

    @Test
    void aRefundOfAMissingKeyWritesNothing() {
        BucketReply refund = timeline.refund(0, 1, "10/1s");
        assertFalse(refund.allowed(), "nothing stored to give back to");
        assertEquals(10, refund.remaining());
        assertEquals(-2, timeline.expiresAt());
        BucketReply twoLimits = timeline.refund(0, 1, "10/1s, 100/1h");
        assertFalse(twoLimits.allowed());
        assertEquals(-2, timeline.expiresAt());
    }

    @Test
    void aRefundOfAnExpiredBucketWritesNothing() {
        timeline.take(0, 1, "10/1s");
        String expired = timeline.state();
        assertFalse(timeline.refund(5_000, 1, "10/1s").allowed());
        assertEquals(expired, timeline.state());
    }

    @Test
    void aRefundGivesBackToEveryLimit() {
        timeline.take(0, 3, "5/1s, 8/1h");
        BucketReply refund = timeline.refund(0, 1, "5/1s, 8/1h");
        assertEquals(3, refund.remaining(), "the per-second limit: 5 - 2");
        assertEquals("5/1000 0 899600 " + SECOND_WINDOW + " 8/3600000 0 0 " + HOUR_WINDOW, timeline.value(),
                "2 tokens owed in each: 400 ms and 900,000 ms");
        assertEquals(900_000, timeline.expiresAt());
    }

    @Test
    void aRefundGivesBackToAStoredLimitThatTheCallerDoesNotConfigure() {
        timeline.take(0, 3, "5/1s, 8/1h");
        timeline.refund(0, 2, "5/1s");
        assertEquals("5/1000 0 449800 " + SECOND_WINDOW + " 8/3600000 0 0 " + HOUR_WINDOW, timeline.value(),
                "1 token owed in each: 200 ms and 450,000 ms");
    }

    @Test
    void aRefundNeverAddsAnEntryForAConfiguredLimitWithoutOne() {
        timeline.take(0, 3, "5/1s");
        BucketReply refund = timeline.refund(0, 1, "5/1s, 8/1h");
        assertTrue(refund.allowed());
        assertEquals("5/1000 0 0 " + SECOND_WINDOW, timeline.value());
        assertEquals(400, timeline.expiresAt());
    }

    @Test
    void aRefundThatFillsEveryStoredLimitExpiresTheKey() {
        timeline.take(0, 2, "5/1s, 8/1h");
        timeline.refund(0, 2, "5/1s, 8/1h");
        assertEquals(0, timeline.expiresAt());
        assertEquals(5, timeline.peek(0, 1, "5/1s, 8/1h").remaining());
    }

    @Test
    void aRefundLeavesAValueOfAnotherShapeAsItIs() {
        timeline.store("legacy", 50_000L);
        assertFalse(timeline.refund(0, 1, "10/1s").allowed());
        assertEquals("legacy @50000", timeline.state());
        timeline.reset();
        try (var jedis = REDIS.server().admin()) {
            jedis.hset(ScriptTimeline.KEY, "a", "b");
        }
        assertFalse(timeline.refund(0, 1, "10/1s").allowed());
        try (var jedis = REDIS.server().admin()) {
            assertEquals("b", jedis.hget(ScriptTimeline.KEY, "a"), "a hash is not this limiter's to write");
        }
    }

    @Test
    void aRefundOfAReservationFreesItsSlot() {
        for (int i = 0; i < 12; i++) {
            timeline.reserve(0, 1, 1_000, "10/1s");
        }
        assertEquals(1_200, timeline.expiresAt());
        timeline.refund(0, 1, "10/1s");
        assertEquals(1_100, timeline.expiresAt());
        assertEquals(200, timeline.reserve(0, 1, 1_000, "10/1s").retryAfterMillis(), "the refunded slot goes to the next caller");
    }
}
