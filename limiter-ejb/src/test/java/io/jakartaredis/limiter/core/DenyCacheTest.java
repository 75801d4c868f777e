package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.DenyCacheConfig;

/** The deny cache's exactness rules, expiry and bound, on a fake clock. */
class DenyCacheTest {

    private static final long MS = 1_000_000L;

    private long nanos = 5_000 * MS;
    private DenyCache cache = cache(true, 100, Duration.ofMinutes(1));

    private DenyCache cache(boolean enabled, int maxEntries, Duration maxTime) {
        return new DenyCache(new DenyCacheConfig(enabled, maxEntries, maxTime), () -> nanos);
    }

    /** What Redis answers when it rejects: 1 token of 10 left, 60 s window. */
    private static Decision rejected(long retryAfterMillis, long resetAfterMillis) {
        return new Decision("api", false, 10, Duration.ofSeconds(60), 1, retryAfterMillis, resetAfterMillis);
    }

    private static Decision allowed() {
        return new Decision("api", true, 10, Duration.ofSeconds(60), 5, 0, 30_000);
    }

    @Test
    void rejectsLocallyUntilRetryAfterLessTheMillisecondAndClockMarginsThenAsksRedis() {
        long sent = nanos;
        nanos += 3 * MS; // Redis answered 3 ms after the call was sent
        cache.learn("k", 1, sent, rejected(1_000, 54_000));

        nanos = sent + 997 * MS; // 1,000 ms less 1 ms of clock truncation, less 1 ms (1,000 ppm) of clock rate
        assertNotNull(cache.rejectLocally("k", Decision.DEFAULT_TIER, 1));
        nanos = sent + 998 * MS;
        assertNull(cache.rejectLocally("k", Decision.DEFAULT_TIER, 1));
        assertEquals(0, cache.size(), "an expired entry is dropped");
    }

    @Test
    void retryAfterAndResetCountDownFromTheMomentTheCallWasSent() {
        long sent = nanos;
        cache.learn("k", 2, sent, rejected(1_000, 54_000));
        nanos = sent + 300 * MS + 1; // a started millisecond counts as elapsed: never a later retry-after than Redis'

        Decision local = cache.rejectLocally("k", Decision.DEFAULT_TIER, 2);

        assertEquals(new Decision("api", false, 10, Duration.ofSeconds(60), 1, 699, 53_699), local);
        assertEquals(1, cache.localDenials());
    }

    @Test
    void rejectsOnlyCostsAtLeastTheRejectedCost() {
        cache.learn("k", 3, nanos, rejected(5_000, 54_000));

        assertNull(cache.rejectLocally("k", Decision.DEFAULT_TIER, 2), "a smaller cost may pass: Redis decides");
        assertNotNull(cache.rejectLocally("k", Decision.DEFAULT_TIER, 3));
        assertNotNull(cache.rejectLocally("k", Decision.DEFAULT_TIER, 4));
        assertEquals(2, cache.localDenials());
    }

    @Test
    void anAdmissionAskedAfterTheRejectionForgetsIt() {
        long sent = nanos;
        cache.learn("k", 1, sent, rejected(5_000, 54_000));

        cache.learn("k", 1, sent + MS, allowed());

        assertNull(cache.rejectLocally("k", Decision.DEFAULT_TIER, 1));
        assertEquals(0, cache.size());
    }

    @Test
    void anAdmissionAskedBeforeTheRejectionKeepsIt() {
        long sent = nanos;
        cache.learn("k", 1, sent, rejected(5_000, 54_000));

        cache.learn("k", 1, sent - MS, allowed()); // its answer arrived late; it says nothing about now

        assertNotNull(cache.rejectLocally("k", Decision.DEFAULT_TIER, 1));
    }

    @Test
    void anOlderRejectionArrivingLateDoesNotReplaceANewerOne() {
        long sent = nanos;
        cache.learn("k", 1, sent, rejected(5_000, 54_000));
        cache.learn("k", 1, sent - MS, rejected(9_000, 54_000));

        nanos = sent + 4_990 * MS;
        assertNotNull(cache.rejectLocally("k", Decision.DEFAULT_TIER, 1));
        nanos = sent + 4_994 * MS;
        assertNull(cache.rejectLocally("k", Decision.DEFAULT_TIER, 1), "the newer rejection's retry-after rules");
    }

    @Test
    void retryAfterTooShortForTheMarginsIsNotRemembered() {
        cache.learn("k", 1, nanos, rejected(2, 100));

        assertEquals(0, cache.size());
        assertNull(cache.rejectLocally("k", Decision.DEFAULT_TIER, 1));
    }

    @Test
    void maxTimeCapsHowLongARejectionIsRemembered() {
        cache = cache(true, 100, Duration.ofSeconds(10));
        long sent = nanos;
        cache.learn("k", 1, sent, rejected(3_600_000, 3_600_000));

        nanos = sent + 9_999 * MS;
        assertNotNull(cache.rejectLocally("k", Decision.DEFAULT_TIER, 1));
        nanos = sent + 10_000 * MS;
        assertNull(cache.rejectLocally("k", Decision.DEFAULT_TIER, 1));
    }

    @Test
    void holdsAtMostMaxEntriesForgettingTheOldestFirst() {
        cache = cache(true, 3, Duration.ofMinutes(1));
        for (int i = 1; i <= 5; i++) {
            cache.learn("k" + i, 1, nanos, rejected(30_000, 54_000));
            nanos += MS;
        }

        assertEquals(3, cache.size());
        assertNull(cache.rejectLocally("k1", Decision.DEFAULT_TIER, 1));
        assertNull(cache.rejectLocally("k2", Decision.DEFAULT_TIER, 1));
        assertNotNull(cache.rejectLocally("k3", Decision.DEFAULT_TIER, 1));
        assertNotNull(cache.rejectLocally("k5", Decision.DEFAULT_TIER, 1));
    }

    @Test
    void evictsExpiredEntriesBeforeLiveOnes() {
        cache = cache(true, 3, Duration.ofMinutes(1));
        cache.learn("short", 1, nanos, rejected(100, 54_000));
        cache.learn("long1", 1, nanos, rejected(30_000, 54_000));
        cache.learn("long2", 1, nanos, rejected(30_000, 54_000));
        nanos += 200 * MS;

        cache.learn("long3", 1, nanos, rejected(30_000, 54_000));
        cache.learn("long4", 1, nanos, rejected(30_000, 54_000));

        assertEquals(3, cache.size());
        assertNotNull(cache.rejectLocally("long2", Decision.DEFAULT_TIER, 1));
        assertNotNull(cache.rejectLocally("long4", Decision.DEFAULT_TIER, 1));
        assertNull(cache.rejectLocally("long1", Decision.DEFAULT_TIER, 1), "the oldest live entry goes once no expired one is left");
    }

    @Test
    void rememberingOneKeyAgainAndAgainKeepsOneEntry() {
        cache = cache(true, 2, Duration.ofMinutes(1));
        for (int i = 0; i < 10_000; i++) {
            cache.learn("hot", 1, nanos, rejected(30_000, 54_000));
            nanos += 1_000;
        }

        assertEquals(1, cache.size());
        assertNotNull(cache.rejectLocally("hot", Decision.DEFAULT_TIER, 1));
    }

    @Test
    void disabledNeverRejects() {
        cache = cache(false, 100, Duration.ofMinutes(1));
        cache.learn("k", 1, nanos, rejected(5_000, 54_000));

        assertNull(cache.rejectLocally("k", Decision.DEFAULT_TIER, 1));
        assertFalse(cache.size() > 0);
    }
}
