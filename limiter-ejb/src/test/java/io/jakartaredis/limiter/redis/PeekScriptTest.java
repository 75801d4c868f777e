package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.testkit.RedisServerExtension;

/** Peek on an explicit timeline: it answers what a take would, and writes in no branch where a take writes. */
class PeekScriptTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final ScriptTimeline timeline = new ScriptTimeline(REDIS);

    /** Configurations that a bucket alternates between: stored entries nobody configures, and added ones. */
    private static final List<String> CONFIGURATIONS = List.of("5/1s", "5/1s, 20/1m", "7/2s", "3/700ms, 50/1h");

    @RepeatedTest(5)
    void peekAnswersWhatATakeWouldAndWritesNothing(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        long now = 0;
        int writingRejections = 0;
        for (int step = 0; step < 1_500; step++) {
            now += random.nextInt(8) == 0 ? random.nextInt(3_000) : random.nextInt(60);
            if (random.nextInt(40) == 0) {
                now -= random.nextInt(5_000); // a clock behind the one that wrote: the clipped branch
            }
            String limits = CONFIGURATIONS.get(random.nextInt(random.nextInt(10) == 0 ? CONFIGURATIONS.size() : 2));
            int cost = 1 + random.nextInt(3);
            String before = timeline.state();
            BucketReply peek = timeline.peek(now, cost, limits);
            assertEquals(before, timeline.state(), "peek wrote at step " + step);
            BucketReply take = timeline.take(now, cost, limits);
            String context = "step " + step + " at " + now + " cost " + cost + " " + limits + " on " + before;
            assertEquals(take.allowed(), peek.allowed(), context);
            assertEquals(take.retryAfterMillis(), peek.retryAfterMillis(), context);
            assertEquals(take.limit(), peek.limit(), context);
            assertEquals(take.limitIndex(), peek.limitIndex(), context);
            if (take.allowed()) {
                assertEquals(take.remaining() + cost, peek.remaining(), "the bucket as it is: " + context);
                assertTrue(peek.resetAfterMillis() <= take.resetAfterMillis(), context);
            } else {
                assertEquals(take.remaining(), peek.remaining(), context);
                assertEquals(take.resetAfterMillis(), peek.resetAfterMillis(), context);
                writingRejections += before.equals(timeline.state()) ? 0 : 1;
            }
            switch (random.nextInt(4)) {
                case 0 -> timeline.reserve(now, 1, random.nextInt(3_000), limits);
                case 1 -> timeline.refund(now, 1 + random.nextInt(3), limits);
                default -> { }
            }
        }
        assertTrue(writingRejections > 0, "the timeline reaches the branches where a rejected take writes");
    }

    @Test
    void peekWritesNothingWhereATakeWouldClipAStateFromAClockAhead() {
        timeline.take(0, 10, "10/1s");
        assertPeekWritesNothingWhereTakeWrites(-5_000, "10/1s");
    }

    @Test
    void peekWritesNothingWhereATakeWouldAddAConfiguredLimit() {
        timeline.take(0, 1, "5/1s");
        assertPeekWritesNothingWhereTakeWrites(0, "5/1s, 8/1h");
    }

    @Test
    void peekWritesNothingWhereARejectedTakeWouldRecordItsWindow() {
        for (int i = 0; i < 3; i++) {
            timeline.reserve(0, 1, 2_000, "1/1s");
        }
        assertFalse(timeline.peek(1_500, 1, "1/1s").allowed());
        assertPeekWritesNothingWhereTakeWrites(1_500, "1/1s");
    }

    private void assertPeekWritesNothingWhereTakeWrites(long atMillis, String limits) {
        String before = timeline.state();
        timeline.peek(atMillis, 1, limits);
        assertEquals(before, timeline.state());
        timeline.take(atMillis, 1, limits);
        assertNotEquals(before, timeline.state(), "a take writes here");
    }
}
