package io.jakartaredis.limiter.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.redis.BucketReply;

class LocalBucketsTest {

    private final FakeClock clock = new FakeClock();

    private static int admitted(LocalBuckets buckets, String key, int calls, List<Limit> limits) {
        int admitted = 0;
        for (int i = 0; i < calls; i++) {
            admitted += buckets.take(key, 1, limits).allowed() ? 1 : 0;
        }
        return admitted;
    }

    @Test
    void dividesCapacitiesByTheNodesRoundingUpToAtLeastOne() {
        LocalBuckets threeNodes = new LocalBuckets(3, 100, clock);
        assertEquals(4, threeNodes.localCapacity(10));
        assertEquals(3, threeNodes.localCapacity(9));
        assertEquals(1, threeNodes.localCapacity(1));
        assertEquals(4, admitted(threeNodes, "k", 20, List.of(Limit.parse("10/1m"))));
    }

    @Test
    void eachKeyHasItsOwnBucketThatRefillsWithTime() {
        LocalBuckets buckets = new LocalBuckets(1, 100, clock);
        List<Limit> limits = List.of(Limit.parse("2/1s"));
        assertEquals(2, admitted(buckets, "a", 5, limits));
        assertEquals(2, admitted(buckets, "b", 5, limits));
        clock.advanceMillis(500);
        assertEquals(1, admitted(buckets, "a", 5, limits));
    }

    @Test
    void aCostAboveTheLocalCapacityTakesTheWholeBucket() {
        LocalBuckets buckets = new LocalBuckets(4, 100, clock);
        List<Limit> limits = List.of(Limit.parse("10/1m"));
        BucketReply expensive = buckets.take("k", 8, limits);
        assertTrue(expensive.allowed());
        assertEquals(0, expensive.remaining());
        assertFalse(buckets.take("k", 1, limits).allowed());
    }

    @Test
    void keepsAtMostMaxKeysForgettingTheLeastRecentlyUsed() {
        LocalBuckets buckets = new LocalBuckets(1, 3, clock);
        List<Limit> limits = List.of(Limit.parse("1/1h"));
        for (String key : List.of("a", "b", "c", "d")) {
            assertTrue(buckets.take(key, 1, limits).allowed());
        }
        assertEquals(3, buckets.size());
        assertTrue(buckets.take("a", 1, limits).allowed(), "a was forgotten: it reads as a full bucket");
        assertFalse(buckets.take("d", 1, limits).allowed(), "d is remembered");
    }

    @Test
    void dropsBucketsThatAreFullAgain() {
        LocalBuckets buckets = new LocalBuckets(1, 100, clock);
        List<Limit> limits = List.of(Limit.parse("5/1s"));
        for (int i = 0; i < 50; i++) {
            buckets.take("key-" + i, 1, limits);
        }
        assertEquals(50, buckets.size());
        clock.advanceMillis(200);
        buckets.take("late", 1, limits);
        assertEquals(1, buckets.size(), "every other bucket was full again after 200 ms");
    }
}
