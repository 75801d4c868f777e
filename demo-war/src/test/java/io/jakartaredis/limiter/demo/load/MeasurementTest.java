package io.jakartaredis.limiter.demo.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class MeasurementTest {

    private static final long MS = 1_000_000;

    @Test
    void percentilesAreNearestRanksOfTheSortedLatencies() {
        long[] oneToHundredMillis = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * MS).toArray();
        Measurement m = new Measurement(1_000 * MS, oneToHundredMillis, Map.of(200, 100L));

        assertEquals(50.0, m.latencyMillis(0.5));
        assertEquals(99.0, m.latencyMillis(0.99));
        assertEquals(100.0, m.latencyMillis(1.0));
    }

    @Test
    void throughputIsRequestsPerSecondOfWallTimeOverAllStretches() {
        Measurement first = new Measurement(1_000 * MS, new long[] {MS, MS, MS}, Map.of(200, 3L));
        Measurement second = new Measurement(500 * MS, new long[] {MS, MS, MS}, Map.of(200, 3L));

        Measurement both = first.plus(second);

        assertEquals(6, both.requests());
        assertEquals(4.0, both.throughputPerSecond(), 1e-9);
    }

    @Test
    void oneUnexpectedStatusSpoilsAllAnswered() {
        Measurement all429 = new Measurement(MS, new long[] {MS, MS}, Map.of(429, 2L));
        Measurement oneSlipped = all429.plus(new Measurement(MS, new long[] {MS}, Map.of(200, 1L)));

        assertTrue(all429.allAnswered(429));
        assertFalse(oneSlipped.allAnswered(429));
        assertEquals("200 × 1, 429 × 2", oneSlipped.describeStatuses());
    }
}
