package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** A policy's script arguments: computed once, and for calendar limits again only when the node's clock leaves the period. */
class ScriptLimitsTest {

    private static long utc(String text) {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void bucketLimitsAreComputedOnce() {
        AtomicLong clock = new AtomicLong(utc("2027-01-01T00:00:00"));
        ScriptLimits limits = new ScriptLimits(LimiterConfigReader.parseLimits("p", "10/1s, 1000000000/31d"), clock::get);
        List<String> first = limits.args();
        assertEquals(List.of("10", "1000", "1000000000", "2678400000"), first);
        clock.addAndGet(1_000_000_000L);
        assertSame(first, limits.args());
    }

    @Test
    void aTiersArgumentsEndWithTheIdentitiesOfTheSiblingLimitsItDoesNotHaveEachOnce() {
        ScriptLimits gold = new ScriptLimits(LimiterConfigReader.parseLimits("p", "100/1s, 5000/month"),
                LimiterConfigReader.parseLimits("p", "10/1s, 500/month, 100/1s, 10/1s, 20/1h"), () -> utc("2027-01-01T00:00:00"));
        List<String> args = gold.args();
        assertEquals(5, args.size(), "two pairs and the siblings: an odd count after ARGV[4]");
        assertEquals("10/1000 20/3600000", args.get(4), "month@UTC and 100/1s are gold's own");
        ScriptLimits alone = new ScriptLimits(LimiterConfigReader.parseLimits("p", "100/1s"), List.of(), () -> 0L);
        assertEquals(List.of("100", "1000"), alone.args(), "no siblings, no argument: the layout of a policy without tiers");
    }

    @Test
    void aCalendarLimitsPeriodsAreRecomputedWhenTheNodeClockLeavesThePeriod() {
        AtomicLong clock = new AtomicLong(utc("2028-02-10T12:00:00"));
        ScriptLimits limits = new ScriptLimits(LimiterConfigReader.parseLimits("p", "10/1s, 5/month"), clock::get);
        List<String> february = limits.args();
        assertEquals(List.of("10", "1000", "5", "month@UTC " + utc("2028-01-01T00:00:00") + " " + utc("2028-02-01T00:00:00")
                + " " + utc("2028-03-01T00:00:00") + " " + utc("2028-04-01T00:00:00")), february);
        clock.set(utc("2028-02-29T23:59:59.999"));
        assertSame(february, limits.args(), "the same period: nothing recomputed");
        clock.set(utc("2028-03-01T00:00:00"));
        List<String> march = limits.args();
        assertEquals("month@UTC " + utc("2028-02-01T00:00:00") + " " + utc("2028-03-01T00:00:00") + " "
                + utc("2028-04-01T00:00:00") + " " + utc("2028-05-01T00:00:00"), march.get(3));
        assertSame(march, limits.args());
        clock.set(utc("2028-02-15T00:00:00"));
        assertEquals(february, limits.args(), "a clock set back gets its period again");
    }

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String KEY = "rate_limit:skew:client";
    private static final long HOUR = Duration.ofHours(1).toMillis();

    /**
     * Redis's now is 2027-06-16T10:00; a node clock hours behind it (on the 15th: up to 34 h) or
     * ahead of it (on the 17th: less than 38 h) still passes periods that cover it, and the script counts in Redis's day: the
     * one token of {@code 1/day} is used for every node, and the entry ends at Redis's midnight.
     */
    @ParameterizedTest(name = "node clock {0} h from Redis")
    @ValueSource(longs = {-34, -20, 0, 20, 37})
    void aNodeClockHoursAwayFromRedisStillCountsInRedissDay(long hours) {
        long redisNow = utc("2027-06-16T10:00:00");
        try (var executor = RedisClients.executor(TestLimiters.config(REDIS.server()).redis());
                Jedis jedis = REDIS.server().admin()) {
            jedis.del(KEY);
            TokenBucketScript script = new TokenBucketScript(executor);
            ScriptLimits skewed = new ScriptLimits(LimiterConfigReader.parseLimits("p", "1/day"), () -> redisNow + hours * HOUR);
            ScriptLimits inStep = new ScriptLimits(LimiterConfigReader.parseLimits("p", "1/day"), () -> redisNow);
            assertTrue(script.takeAt(KEY, 1, redisNow, skewed.args()).allowed());
            assertEquals("day@UTC 1 1 " + utc("2027-06-17T00:00:00"), jedis.get(KEY), "Redis's day, whatever the node's");
            BucketReply rejected = script.takeAt(KEY, 1, redisNow + 1, inStep.args());
            assertFalse(rejected.allowed(), "a node in step sees the same day used");
            assertEquals(14 * HOUR - 1, rejected.retryAfterMillis(), "until Redis's midnight");
        }
    }

    /**
     * A node clock so far off that the periods it passes (its previous day, its own, its next)
     * miss Redis's now: ahead by a day plus the time to Redis's midnight or more (38 h here), or
     * behind by more than a day plus Redis's time since midnight (34 h here). The script fails
     * rather than count in a wrong day, and writes nothing.
     */
    @ParameterizedTest(name = "node clock {0} h from Redis")
    @ValueSource(longs = {38, 48, -35, -72})
    void aNodeClockMoreThanThePeriodsGivenAwayFails(long hours) {
        long redisNow = utc("2027-06-16T10:00:00");
        try (var executor = RedisClients.executor(TestLimiters.config(REDIS.server()).redis());
                Jedis jedis = REDIS.server().admin()) {
            jedis.del(KEY);
            TokenBucketScript script = new TokenBucketScript(executor);
            ScriptLimits skewed = new ScriptLimits(LimiterConfigReader.parseLimits("p", "1/day"), () -> redisNow + hours * HOUR);
            var error = assertThrows(RateLimiterUnavailableException.class, () -> script.takeAt(KEY, 1, redisNow, skewed.args()));
            StringBuilder messages = new StringBuilder();
            for (Throwable t = error; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append(" / ");
            }
            assertTrue(messages.toString().contains("outside the periods given"), messages.toString());
            assertFalse(jedis.exists(KEY), "nothing written");
        }
    }
}
