package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.config.MaxWait;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/** Reservations (a take within a max wait) on an explicit timeline: consecutive exact slots, and takes behind them. */
class ReservationScriptTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final ScriptTimeline timeline = new ScriptTimeline(REDIS);

    private static final String TEN_PER_SECOND = "10/1s";

    /** 30 reservations at one ms with max wait 2 s; the last one rejected. */
    private List<Long> reserveThirtyAtOnce() {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            BucketReply reply = timeline.reserve(0, 1, 2_000, TEN_PER_SECOND);
            assertTrue(reply.allowed(), "reservation " + i);
            waits.add(reply.retryAfterMillis());
        }
        return waits;
    }

    @Test
    void consecutiveReservationsGetConsecutiveSlotsOneTokenApart() {
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add(i < 10 ? 0L : (i - 9) * 100L);
        }
        assertEquals(expected, reserveThirtyAtOnce(), "the burst at once, then one every 100 ms up to the 2 s max wait");
        assertEquals(3_000, timeline.expiresAt(), "full again when the last slot's token has refilled");
    }

    @Test
    void aSlotBeyondTheMaxWaitTakesNothingAndAnswersTheWaitItNeeds() {
        reserveThirtyAtOnce();
        String before = timeline.state();
        BucketReply rejected = timeline.reserve(0, 1, 2_000, TEN_PER_SECOND);
        assertFalse(rejected.allowed());
        assertEquals(2_100, rejected.retryAfterMillis());
        assertEquals(0, rejected.remaining(), "a bucket owing reservations has no tokens, never fewer");
        assertEquals(before, timeline.state(), "nothing taken, nothing written");
        assertTrue(timeline.reserve(0, 1, 2_100, TEN_PER_SECOND).allowed(), "a longer max wait reaches that slot");
    }

    @Test
    void aTakeBehindReservationsIsRejectedUntilTheirTokensAreCovered() {
        reserveThirtyAtOnce();
        BucketReply rejected = timeline.take(0, 1, TEN_PER_SECOND);
        assertFalse(rejected.allowed());
        assertEquals(2_100, rejected.retryAfterMillis());
        assertEquals(0, rejected.remaining());
        assertEquals(3_000, rejected.resetAfterMillis());
        assertFalse(timeline.take(2_099, 1, TEN_PER_SECOND).allowed());
        assertTrue(timeline.take(2_100, 1, TEN_PER_SECOND).allowed(), "admitted exactly at its retry-after");
    }

    @Test
    void reservationsSurviveTakesThatWriteAStaleWindowIndex() {
        reserveThirtyAtOnce();
        // 1.5 s later, in a later window: the rejection writes the window index, and must keep the debt.
        assertFalse(timeline.take(1_500, 1, TEN_PER_SECOND).allowed());
        assertEquals(3_000, timeline.expiresAt(), "the reservations are still owed");
        BucketReply rejected = timeline.take(1_500, 1, TEN_PER_SECOND);
        assertEquals(600, rejected.retryAfterMillis(), "15 tokens owed beyond empty at 1.5 s less 1.5 s of refill, one more");
    }

    @Test
    void stateFromAClockAheadIsStillReadAsEmptyNeverEmptier() {
        reserveThirtyAtOnce();
        BucketReply earlier = timeline.take(-5_000, 1, TEN_PER_SECOND);
        assertFalse(earlier.allowed());
        assertEquals(100, earlier.retryAfterMillis(), "written in a later window than now: empty, refilling from now");
        assertEquals(-4_000, timeline.expiresAt());
    }

    @Test
    void severalLimitsWaitForTheOneThatOwesLongest() {
        String limits = "2/1s, 10/1m";
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waits.add(timeline.reserve(0, 1, 1_000, limits).retryAfterMillis());
        }
        assertEquals(List.of(0L, 0L, 500L, 1_000L), waits);
        BucketReply rejected = timeline.reserve(0, 1, 1_000, limits);
        assertFalse(rejected.allowed());
        assertEquals(1_500, rejected.retryAfterMillis());
        assertEquals(0, rejected.limitIndex(), "the per-second limit blocks");
        assertEquals(0, rejected.remaining());
    }

    @Test
    void theScriptKeepsReservationsUpToTheLongestMaxWaitThatJavaAllows() {
        Matcher constant = Pattern.compile("local MAX_WAIT_MS = (\\d+)").matcher(TokenBucketScript.SCRIPT.source());
        assertTrue(constant.find());
        assertEquals(MaxWait.LONGEST.toMillis(), Long.parseLong(constant.group(1)));

        // A reservation of the longest wait, on a limit whose window is shorter than it, is kept by a take.
        for (int i = 0; i < 2; i++) {
            assertTrue(timeline.reserve(0, 1, MaxWait.LONGEST.toMillis(), "1/1h").allowed());
        }
        assertEquals(7_200_000, timeline.expiresAt());
        BucketReply take = timeline.take(1, 1, "1/1h");
        assertEquals(7_200_000 - 1, take.retryAfterMillis(), "two hours owed, not clipped to one");
    }
}
