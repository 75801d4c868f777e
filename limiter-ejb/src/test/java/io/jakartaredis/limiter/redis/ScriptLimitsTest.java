package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.config.LimiterConfigReader;

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
}
