package io.jakartaredis.limiter.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.redis.BucketReply;

/** The local failure policy's buckets for long quotas (exact, no long overflow) and calendar quotas (a count per period). */
class LocalCalendarAndLongQuotaTest {

    private final FakeClock nanos = new FakeClock();
    private long epochMillis = LocalDateTime.parse("2027-06-15T23:59:58").toInstant(ZoneOffset.UTC).toEpochMilli();

    private LocalBuckets buckets() {
        return new LocalBuckets(1, 100, nanos, () -> epochMillis);
    }

    private void advance(long millis) {
        nanos.advanceMillis(millis);
        epochMillis += millis;
    }

    @Test
    void aDailyQuotaCountsThisNodesCallsUntilMidnightThenStartsAtZero() {
        LocalBuckets buckets = buckets();
        List<Limit> limits = List.of(Limit.parse("3/day"));
        for (int i = 0; i < 3; i++) {
            assertTrue(buckets.take("k", 1, limits).allowed());
        }
        BucketReply rejected = buckets.take("k", 1, limits);
        assertFalse(rejected.allowed());
        assertEquals(2000, rejected.retryAfterMillis(), "until midnight");
        assertEquals(2000, rejected.resetAfterMillis());
        advance(1999);
        assertFalse(buckets.take("k", 1, limits).allowed());
        advance(1);
        BucketReply nextDay = buckets.take("k", 1, limits);
        assertTrue(nextDay.allowed());
        assertEquals(2, nextDay.remaining());
        assertEquals(86_400_000, nextDay.resetAfterMillis());
    }

    @Test
    void aCalendarQuotaAndARateLimitTakeTogetherOrNotAtAll() {
        LocalBuckets buckets = buckets();
        List<Limit> limits = List.of(Limit.parse("2/1s"), Limit.parse("3/day"));
        assertTrue(buckets.take("k", 1, limits).allowed());
        assertTrue(buckets.take("k", 1, limits).allowed());
        BucketReply rate = buckets.take("k", 1, limits);
        assertFalse(rate.allowed());
        assertEquals(0, rate.limitIndex());
        advance(1000);
        assertTrue(buckets.take("k", 1, limits).allowed(), "the day's third: the rejected call took nothing");
        BucketReply day = buckets.take("k", 1, limits);
        assertFalse(day.allowed());
        assertEquals(1, day.limitIndex());
        assertEquals(1000, day.retryAfterMillis());
    }

    @Test
    void aBillionTokensPerMonthRefillsExactlyWithoutOverflow() {
        LocalBuckets buckets = buckets();
        List<Limit> limits = List.of(Limit.parse("1000000000/31d"));
        assertTrue(buckets.take("k", 1_000_000_000, limits).allowed());
        assertFalse(buckets.take("k", 1, limits).allowed());
        advance(2679); // one token per 2.6784 ms
        BucketReply peek = buckets.peek("k", 1, limits);
        assertEquals(1000, peek.remaining(), "floor(2679 / 2.6784) = 1000");
        advance(31L * 86_400_000 - 2679 - 1);
        assertEquals(999_999_999, buckets.peek("k", 1, limits).remaining(), "one ms before full: one token short");
        advance(1);
        assertEquals(1_000_000_000, buckets.peek("k", 1, limits).remaining());
    }
}
