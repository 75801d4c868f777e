package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/**
 * Calendar limits in the script on explicit timelines: the count starts at 0 at each boundary that
 * {@code java.time} computes (month lengths, leap days, DST), the Redis clock picks the period,
 * and they combine atomically with bucket limits. Times lie after 2027 so that every PXAT is in
 * Redis's future.
 */
class CalendarQuotaScriptTest {

    @RegisterExtension
    @Order(1)
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String KEY = "rate_limit:cal:client";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @RegisterExtension
    @Order(2)
    final ScriptTimeline timeline = new ScriptTimeline(REDIS);
    private TokenBucketScript script;

    @BeforeEach
    void connect() {
        script = timeline.script();
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.del(KEY);
        }
    }

    private static long utc(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static long at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant().toEpochMilli();
    }

    /** The limits' arguments as a node whose clock reads {@code nodeMillis} passes them. */
    private static List<String> limits(String text, ZoneId zone, long nodeMillis) {
        return TokenBucketScript.limitArgs(LimiterConfigReader.parseLimits("test", text, zone), nodeMillis);
    }

    private BucketReply take(long now, String limits) {
        return take(now, 1, limits, ZoneOffset.UTC);
    }

    private BucketReply take(long now, int cost, String limits, ZoneId zone) {
        return script.takeAt(KEY, cost, now, limits(limits, zone, now));
    }

    private int admitted(long now, int calls, String limits, ZoneId zone) {
        int admitted = 0;
        for (int i = 0; i < calls; i++) {
            admitted += take(now, 1, limits, zone).allowed() ? 1 : 0;
        }
        return admitted;
    }

    /**
     * 3 per month, used up just after the first of the month: rejected until the next first, whose
     * time is the retry-after and the reset, then 3 again: for a 28-day February, 30- and 31-day
     * months and the leap February of 2028.
     */
    @ParameterizedTest(name = "{0} has {1} days, the next month {2}")
    @CsvSource({"2027-02, 28, 31", "2027-04, 30, 31", "2027-05, 31, 30", "2028-02, 29, 31", "2027-12, 31, 31"})
    void aMonthlyQuotaStartsAtZeroOnTheFirstOfEveryMonth(String month, int days, int nextDays) {
        long start = utc(month + "-01T00:00:00");
        long next = start + Duration.ofDays(days).toMillis();
        assertEquals(3, admitted(start + 1000, 5, "3/month", ZoneOffset.UTC));
        BucketReply rejected = take(next - 1, "3/month");
        assertFalse(rejected.allowed(), "the last ms of the month");
        assertEquals(1, rejected.retryAfterMillis(), "until the first of the next month");
        assertEquals(0, rejected.remaining());
        assertEquals(3, rejected.limit());
        BucketReply allowed = take(next, "3/month");
        assertTrue(allowed.allowed(), "the first ms of the next month");
        assertEquals(2, allowed.remaining());
        assertEquals(Duration.ofDays(nextDays).toMillis(), allowed.resetAfterMillis(), "reset: the next month's days");
        assertEquals(utc(Instant.ofEpochMilli(next).atOffset(ZoneOffset.UTC).plusMonths(1).toLocalDateTime().toString())
                - next, allowed.resetAfterMillis(), "reset: ms to the next boundary");
    }

    @Test
    void theKeyExpiresAtTheBoundaryAndAPeriodThatEndedCountsZero() {
        long start = utc("2027-03-10T00:00:00");
        take(start + 5000, "10/day");
        try (Jedis jedis = REDIS.server().admin()) {
            assertEquals(utc("2027-03-11T00:00:00"), jedis.pexpireTime(KEY), "the key expires at the boundary");
            assertEquals("day@UTC 10 1 " + utc("2027-03-11T00:00:00"), jedis.get(KEY));
        }
        assertEquals(9, script.peekAt(KEY, 1, start + 6000, limits("10/day", ZoneOffset.UTC, start + 6000)).remaining());
    }

    @Test
    void aDayInBerlinLasts23HoursInMarchAnd25InOctober() {
        // 2027-03-28: clocks go from 02:00 to 03:00; 2027-10-31: from 03:00 back to 02:00.
        long march = at("2027-03-28T00:00:00", BERLIN);
        assertEquals(1, admitted(march, 2, "1/day", BERLIN));
        BucketReply rejected = take(march, 1, "1/day", BERLIN);
        assertEquals(Duration.ofHours(23).toMillis(), rejected.retryAfterMillis());
        assertFalse(take(march + Duration.ofHours(23).toMillis() - 1, 1, "1/day", BERLIN).allowed());
        assertTrue(take(march + Duration.ofHours(23).toMillis(), 1, "1/day", BERLIN).allowed(), "midnight of the 29th");

        long october = at("2027-10-31T00:00:00", BERLIN);
        assertEquals(1, admitted(october, 2, "1/day", BERLIN));
        assertEquals(Duration.ofHours(25).toMillis(), take(october, 1, "1/day", BERLIN).retryAfterMillis());
        assertFalse(take(october + Duration.ofHours(24).toMillis(), 1, "1/day", BERLIN).allowed(), "24 h are not a day here");
        assertTrue(take(october + Duration.ofHours(25).toMillis(), 1, "1/day", BERLIN).allowed());
    }

    @Test
    void aWeekStartsOnMondayAndAYearOnTheFirstOfJanuary() {
        long sunday = utc("2027-01-03T23:59:59.999"); // 2027-01-04 is a Monday
        assertEquals(2, admitted(sunday, 3, "2/week", ZoneOffset.UTC));
        assertEquals(2, admitted(sunday + 1, 3, "2/week", ZoneOffset.UTC), "a new week");
        BucketReply weekRejected = take(sunday + 1, "2/week");
        assertEquals(Duration.ofDays(7).toMillis(), weekRejected.retryAfterMillis());

        try (Jedis jedis = REDIS.server().admin()) {
            jedis.del(KEY);
        }
        long newYearsEve = utc("2028-12-31T12:00:00");
        assertEquals(5, admitted(newYearsEve, 6, "5/year", ZoneOffset.UTC));
        assertEquals(Duration.ofHours(12).toMillis(), take(newYearsEve, "5/year").retryAfterMillis());
        assertEquals(5, admitted(utc("2029-01-01T00:00:00"), 6, "5/year", ZoneOffset.UTC));
    }

    @Test
    void aCalendarQuotaAndARateLimitTakeTogetherOrNotAtAll() {
        long now = utc("2027-06-15T10:00:00");
        String plan = "2/1s, 3/day";
        assertEquals(2, admitted(now, 3, plan, ZoneOffset.UTC), "the rate limit blocks the third");
        BucketReply rate = take(now, plan);
        assertEquals(0, rate.limitIndex(), "blocked by the rate limit");
        assertEquals(500, rate.retryAfterMillis());
        // One second later the rate limit has 2, the day 1 (the rejected calls charged nothing to it).
        assertEquals(1, admitted(now + 1000, 2, plan, ZoneOffset.UTC));
        BucketReply day = take(now + 1000, plan);
        assertFalse(day.allowed());
        assertEquals(1, day.limitIndex(), "blocked by the day");
        assertEquals(utc("2027-06-16T00:00:00") - now - 1000, day.retryAfterMillis());
        // The day blocked: the rate limit was not charged, it still has the 1 token the previous call left.
        BucketReply peek = script.peekAt(KEY, 1, now + 1000, limits("2/1s", ZoneOffset.UTC, now + 1000));
        assertEquals(0, peek.remaining(), "the stored day (0 left) is still checked by a node without it");
        assertFalse(peek.allowed());
    }

    @Test
    void aReservationPassesACalendarLimitOnlyWithinItsPeriod() {
        long now = utc("2027-06-15T23:59:59");
        List<String> args = limits("1/1s, 2/day", ZoneOffset.UTC, now);
        assertTrue(script.reserveAt(KEY, 1, 3_600_000, now, args).allowed());
        BucketReply atMidnight = script.reserveAt(KEY, 1, 3_600_000, now, args);
        assertFalse(atMidnight.allowed(), "the day has room, but the slot (midnight) is in the next day");
        assertEquals(1000, atMidnight.retryAfterMillis(), "retry at the boundary");
        long earlier = now - 500;
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.del(KEY);
        }
        List<String> before = limits("1/1s, 2/day", ZoneOffset.UTC, earlier);
        assertTrue(script.reserveAt(KEY, 1, 3_600_000, earlier, before).allowed());
        BucketReply waits = script.reserveAt(KEY, 1, 3_600_000, earlier, before);
        assertTrue(waits.allowed(), "the rate limit is owed, the slot 23:59:59.500 still in the day");
        assertEquals(1000, waits.retryAfterMillis());
        BucketReply full = script.reserveAt(KEY, 1, 3_600_000, earlier, before);
        assertFalse(full.allowed(), "the day's 2 are taken: never owed into the next day");
        assertEquals(2000, full.retryAfterMillis(), "the later of the boundary (1.5 s) and the rate limit's slot (2 s)");
    }

    /**
     * {@code 1/1s, 5/day}: a client reserving every 100 ms from 23:59:57 to 00:00:10, as acquire
     * with a 10 s maxWait does. Every admitted call runs at its slot, now + retry-after, in the day
     * it is charged to: 3 slots fit before midnight (the fourth, at midnight, is rejected until
     * then), 5 after it. Charged in the old day, 5 would have run there and 7 in the new one.
     */
    @Test
    void reservationsAcrossMidnightRunAtMostTheDaysQuotaInEachDay() {
        long midnight = utc("2027-06-16T00:00:00");
        java.util.Map<Long, Integer> runPerDay = new java.util.TreeMap<>();
        int admitted = 0;
        for (long now = midnight - 3_000; now < midnight + 10_000; now += 100) {
            BucketReply reply = script.reserveAt(KEY, 1, 10_000, now, limits("1/1s, 5/day", ZoneOffset.UTC, now));
            if (reply.allowed()) {
                admitted++;
                long slot = now + reply.retryAfterMillis();
                runPerDay.merge(Math.floorDiv(slot, Duration.ofDays(1).toMillis()), 1, Integer::sum);
                assertTrue(slot < midnight == now < midnight, "a slot runs in the day it was charged to: " + (slot - midnight));
            }
        }
        assertEquals(8, admitted, "3 before midnight, 5 after");
        for (int run : runPerDay.values()) {
            assertTrue(run <= 5, "at most 5 run in a day: " + runPerDay);
        }
    }

    /**
     * A node configuring {@code 3/day} and one configuring {@code 5/day} (a rolling change of the
     * capacity) share one count, each checking it against its own capacity: the day admits 5, the
     * larger, and the {@code 3/day} node admits only while the count is below 3. Documented as the
     * calendar exception to "the stricter configuration holds".
     */
    @Test
    void nodesWithDifferentCalendarCapacitiesShareTheCountAndEachChecksItsOwn() {
        long now = utc("2027-06-15T10:00:00");
        int strict = 0;
        int lenient = 0;
        for (int i = 0; i < 10; i++) {
            strict += take(now + 2 * i, 1, "3/day", ZoneOffset.UTC).allowed() ? 1 : 0;
            lenient += take(now + 2 * i + 1, 1, "5/day", ZoneOffset.UTC).allowed() ? 1 : 0;
        }
        assertEquals(5, strict + lenient, "the larger capacity per day");
        assertEquals(2, strict, "the 3/day node: calls 1 and 3, then the count is 3 or more");
        assertEquals(3, lenient);
        BucketReply strictReply = take(now + 100, 1, "3/day", ZoneOffset.UTC);
        assertEquals(0, strictReply.remaining(), "5 used of 3: none left, never negative");
        assertEquals(3, strictReply.limit());
    }

    @Test
    void aRaisedCapacityKeepsTheCountAndALoweredOneNeverGoesBelowZero() {
        long now = utc("2027-06-15T10:00:00");
        assertTrue(take(now, 4_900_000, "5000000/month", ZoneOffset.UTC).allowed());
        BucketReply raised = script.peekAt(KEY, 1, now, limits("50000000/month", ZoneOffset.UTC, now));
        assertEquals(45_100_000, raised.remaining(), "used 4.9M of 50M");
        assertEquals(50_000_000, raised.limit());
        assertTrue(take(now, 100_000, "50000000/month", ZoneOffset.UTC).allowed());
        try (Jedis jedis = REDIS.server().admin()) {
            assertEquals("month@UTC 50000000 5000000 " + utc("2027-07-01T00:00:00"), jedis.get(KEY));
        }
        BucketReply lowered = take(now, 1, "1000000/month", ZoneOffset.UTC);
        assertFalse(lowered.allowed());
        assertEquals(0, lowered.remaining(), "5M used of 1M: nothing left, never negative");
        assertEquals(utc("2027-07-01T00:00:00") - now, lowered.retryAfterMillis());
    }

    @Test
    void aChangedZoneStartsAsUsedAsTheOldZonesEntryWhichStillCountsUntilItsEnd() {
        long now = utc("2027-06-15T10:00:00");
        long utcEnd = utc("2027-06-16T00:00:00");
        long berlinEnd = at("2027-06-16T00:00:00", BERLIN);
        assertEquals(6, admitted(now, 6, "10/day", ZoneOffset.UTC));
        // Berlin with twice the capacity: at least the fraction used (60% of 20 = 12), at least the 6 tokens.
        assertTrue(take(now, 1, "20/day", BERLIN).allowed());
        try (Jedis jedis = REDIS.server().admin()) {
            assertEquals("day@UTC 10 7 " + utcEnd + " day@Europe/Berlin 20 13 " + berlinEnd, jedis.get(KEY),
                    "the UTC day, not configured, is still charged until its end");
            assertEquals(utcEnd, jedis.pexpireTime(KEY), "the later end of a used period");
        }
        // A monthly quota is another unit: it does not start used because a day is.
        assertTrue(take(now, 1, "100/month", ZoneOffset.UTC).allowed());
        try (Jedis jedis = REDIS.server().admin()) {
            assertEquals("day@UTC 10 8 " + utcEnd + " day@Europe/Berlin 20 14 " + berlinEnd + " month@UTC 100 1 "
                    + utc("2027-07-01T00:00:00"), jedis.get(KEY));
        }
        assertEquals(1, take(now, 1, "100/month", ZoneOffset.UTC).remaining(), "the fewest left: the UTC day has 1 of 10");
    }

    @Test
    void aBucketLimitDoesNotStartEmptyBecauseACalendarQuotaIsUsedNorTheOtherWay() {
        long now = utc("2027-06-15T10:00:00");
        assertEquals(5, admitted(now, 5, "5/1s", ZoneOffset.UTC));
        // The per-second bucket is empty; a new monthly quota starts at 0 used, not at the bucket's 100%.
        BucketReply month = script.peekAt(KEY, 1, now + 1000, limits("5/1s, 1000/month", ZoneOffset.UTC, now + 1000));
        assertTrue(month.allowed());
        assertEquals(5, month.remaining(), "the bucket refilled; the month has 1000 left");
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.del(KEY);
        }
        assertTrue(take(now, 900, "1000/month", ZoneOffset.UTC).allowed());
        assertEquals(10, script.peekAt(KEY, 1, now, limits("10/1s", ZoneOffset.UTC, now)).remaining(),
                "a bucket limit does not derive from a calendar entry: 10 of 10, the month's 100 left are more");
    }

    @Test
    void theRedisClockPicksThePeriodAroundTheBoundary() {
        long midnight = utc("2027-06-16T00:00:00");
        // The node just before midnight, Redis just after: counted in the new day.
        assertEquals(1, admitted(midnight - 1, 2, "1/day", ZoneOffset.UTC));
        assertTrue(script.takeAt(KEY, 1, midnight + 5, limits("1/day", ZoneOffset.UTC, midnight - 50)).allowed(),
                "Redis's now is in the next day: a new count");
        assertFalse(script.takeAt(KEY, 1, midnight + 6, limits("1/day", ZoneOffset.UTC, midnight + 6)).allowed());
        // The node just after midnight, Redis just before: counted in the old day, which is used.
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.del(KEY);
        }
        assertTrue(script.takeAt(KEY, 1, midnight - 10, limits("1/day", ZoneOffset.UTC, midnight - 10)).allowed());
        BucketReply old = script.takeAt(KEY, 1, midnight - 5, limits("1/day", ZoneOffset.UTC, midnight + 50));
        assertFalse(old.allowed(), "Redis's now is still in the old day");
        assertEquals(5, old.retryAfterMillis());
    }

    @Test
    void aRedisClockOutsideThePeriodsGivenFailsRatherThanCountInAWrongPeriod() {
        long now = utc("2027-06-15T10:00:00");
        List<String> twoDaysAgo = limits("1/day", ZoneOffset.UTC, now - Duration.ofDays(2).toMillis() - 1);
        var error = assertThrows(RateLimiterUnavailableException.class, () -> script.takeAt(KEY, 1, now, twoDaysAgo));
        assertTrue(messages(error).contains("outside the periods given"), messages(error));
        try (Jedis jedis = REDIS.server().admin()) {
            assertFalse(jedis.exists(KEY), "nothing written");
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" / ");
        }
        return all.toString();
    }

    @Test
    void aRefundGivesBackUsedTokensAndAPeekReads() {
        long now = utc("2027-06-15T10:00:00");
        List<String> args = limits("3/day", ZoneOffset.UTC, now);
        assertEquals(3, admitted(now, 4, "3/day", ZoneOffset.UTC));
        BucketReply peek = script.peekAt(KEY, 1, now, args);
        assertFalse(peek.allowed());
        assertEquals(utc("2027-06-16T00:00:00") - now, peek.resetAfterMillis());
        BucketReply refund = script.refundAt(KEY, 2, now, args);
        assertTrue(refund.allowed());
        assertEquals(2, refund.remaining());
        assertEquals(3, script.refundAt(KEY, 5, now, args).remaining(), "never below 0 used");
        try (Jedis jedis = REDIS.server().admin()) {
            assertEquals(now, jedis.pexpireTime(KEY), "nothing used: expired now, which deletes it");
        }
        assertFalse(script.refundAt(KEY, 1, now, args).allowed(), "no entry to give back to");
    }
}
