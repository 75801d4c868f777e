package io.jakartaredis.limiter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LimitTest {

    @ParameterizedTest
    @CsvSource({"10/60s, 10, 60000, 10/1m", "1000/1h, 1000, 3600000, 1000/1h", "5/250ms, 5, 250, 5/250ms",
        "3/PT1.5S, 3, 1500, 3/1500ms", "7 / 2d, 7, 172800000, 7/2d", "1/90s, 1, 90000, 1/90s"})
    void parsesAndPrintsTheShortestForm(String text, long tokens, long windowMillis, String printed) {
        Limit limit = Limit.parse(text);
        assertEquals(new Limit(tokens, Duration.ofMillis(windowMillis)), limit);
        assertEquals(printed, limit.toString());
        assertEquals(limit, Limit.parse(limit.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000000/366d", "1000000000/31d", "10000000/30d", "1000000/1s", "1000000000/1ms", "1/366d"})
    void everyLimitUpToTenToTheNinthTokensAnd366DaysIsAccepted(String text) {
        Limit limit = Limit.parse(text);
        assertFalse(limit.isCalendar());
        assertEquals(limit, Limit.parse(limit.toString()));
    }

    @Test
    void moreThanTenToTheNinthTokensIsRefusedNamingTheRule() {
        var error = assertThrows(IllegalArgumentException.class, () -> Limit.parse("1000000001/1s"));
        assertEquals("tokens must be 1 to 1,000,000,000, was 1000000001", error.getMessage());
    }

    @Test
    void aWindowLongerThan366DaysIsRefusedNamingTheRule() {
        var error = assertThrows(IllegalArgumentException.class, () -> Limit.parse("1/367d"));
        assertEquals("the window must be at most 366 days, was 367d", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Limit.parse("1/99999999999d"), "no overflow, a rule");
    }

    @ParameterizedTest
    @CsvSource({"5000000/month, 5000000, MONTH, 31", "10000/day, 10000, DAY, 1", "7/Week, 7, WEEK, 7",
        "1000000000/year, 1000000000, YEAR, 366"})
    void aCalendarUnitMakesACalendarLimitInUtcWhoseWindowIsItsLongestPeriod(String text, long tokens, CalendarUnit unit,
                                                                           long days) {
        Limit limit = Limit.parse(text);
        assertTrue(limit.isCalendar());
        assertEquals(Limit.calendar(tokens, unit, Limit.UTC), limit);
        assertEquals(Duration.ofDays(days), limit.window());
        assertEquals(unit.word() + "@UTC", limit.calendarId());
        assertEquals(tokens + "/" + unit.word(), limit.toString());
    }

    @Test
    void aCalendarLimitInAZoneHasTheZoneInItsIdentityButNotItsCapacity() {
        Limit berlin = Limit.parse("5000000/month").inZone(ZoneId.of("Europe/Berlin"));
        assertEquals("month@Europe/Berlin", berlin.calendarId());
        assertEquals("month@Europe/Berlin", Limit.parse("50000000/month").inZone(ZoneId.of("Europe/Berlin")).calendarId());
        assertEquals("5000000/month in Europe/Berlin", berlin.toString());
        assertEquals("month@UTC", Limit.parse("1/month").inZone(ZoneId.of("Z")).calendarId(), "UTC under any name");
        assertEquals(Limit.parse("10/1s"), Limit.parse("10/1s").inZone(ZoneId.of("Europe/Berlin")), "a bucket limit has no zone");
    }
}
