package io.jakartaredis.limiter.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.redis.BucketReply;

/** The local bucket on explicit timelines, as the script's tests do. */
class LocalTokenBucketTest {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    void freshBucketAdmitsExactlyCapacityThenRejectsWithRetryAfter() {
        LocalTokenBucket bucket = new LocalTokenBucket(1);
        long[] cap = {5};
        long[] win = {10_000};
        for (int i = 0; i < 5; i++) {
            BucketReply reply = bucket.take(T0, 1, cap, win, false);
            assertTrue(reply.allowed());
            assertEquals(4 - i, reply.remaining());
        }
        BucketReply rejected = bucket.take(T0, 1, cap, win, false);
        assertFalse(rejected.allowed());
        assertEquals(2_000, rejected.retryAfterMillis(), "one token per 2 s");
        assertEquals(10_000, rejected.resetAfterMillis());
        assertTrue(bucket.take(T0 + 2_000, 1, cap, win, false).allowed());
    }

    @Test
    void refillLosesNoFractionalTokensOverFiftyWindows() {
        LocalTokenBucket bucket = new LocalTokenBucket(1);
        long[] cap = {7};
        long[] win = {1_000};
        int admitted = 0;
        for (long now = T0; now <= T0 + 50_000; now += 71) {
            admitted += bucket.take(now, 1, cap, win, false).allowed() ? 1 : 0;
        }
        double exact = 7 + 50_000 * 7 / 1000.0;
        assertEquals(exact, admitted, 1.0, "burst plus 50 windows of refill");
        assertTrue(admitted >= 7 + 349, "at least burst + 50C - 1, was " + admitted);
    }

    @Test
    void takesFromEveryLimitOrFromNone() {
        LocalTokenBucket bucket = new LocalTokenBucket(2);
        long[] cap = {3, 4};
        long[] win = {1_000, 60_000};
        for (int i = 0; i < 3; i++) {
            assertTrue(bucket.take(T0, 1, cap, win, false).allowed());
        }
        BucketReply rejected = bucket.take(T0, 1, cap, win, false);
        assertFalse(rejected.allowed());
        assertEquals(0, rejected.limitIndex(), "the per-second limit blocks");
        BucketReply second = bucket.take(T0 + 1_000, 1, cap, win, false);
        assertTrue(second.allowed());
        assertEquals(1, second.limitIndex(), "now the per-minute limit has the fewest tokens");
        assertEquals(0, second.remaining());
        assertFalse(bucket.take(T0 + 2_000, 1, cap, win, false).allowed(), "the per-minute limit is used up");
    }

    @Test
    void aClockGoingBackwardsEmptiesAtMostTheBucket() {
        LocalTokenBucket bucket = new LocalTokenBucket(1);
        long[] cap = {1};
        long[] win = {1_000};
        assertTrue(bucket.take(T0, 1, cap, win, false).allowed());
        assertFalse(bucket.take(T0 - 5_000, 1, cap, win, false).allowed());
    }

    @Test
    void expiresExactlyWhenFullAgain() {
        LocalTokenBucket bucket = new LocalTokenBucket(1);
        assertTrue(bucket.isExpired(T0), "nothing stored yet");
        bucket.take(T0, 2, new long[] {4}, new long[] {4_000}, false);
        assertFalse(bucket.isExpired(T0 + 1_999));
        assertTrue(bucket.isExpired(T0 + 2_000));
    }
}
