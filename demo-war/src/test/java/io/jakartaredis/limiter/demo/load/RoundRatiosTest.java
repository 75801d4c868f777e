package io.jakartaredis.limiter.demo.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RoundRatiosTest {

    private static final long MS = 1_000_000;

    @Test
    void medianIgnoresOneRoundThatANeighbourSlowedDown() {
        RoundRatios ratios = new RoundRatios(new double[] {0.90, 0.20, 0.88, 0.86, 0.92});

        assertEquals(0.88, ratios.median(), 1e-12);
        assertEquals(0.20, ratios.min(), 1e-12);
        assertEquals(0.92, ratios.max(), 1e-12);
        assertEquals("0.20–0.92 over 5 rounds", ratios.describeRange());
    }

    @Test
    void medianOfAnEvenNumberOfRoundsIsTheMeanOfTheMiddleTwo() {
        assertEquals(0.85, new RoundRatios(new double[] {0.9, 0.8, 1.0, 0.1}).median(), 1e-12);
    }

    @Test
    void eachRoundIsComparedWithTheSameRoundOfTheOtherCase() {
        // Round 1: 4 vs 8 requests in 1 s; round 2: 6 vs 6 requests in 1 s.
        List<Measurement> limited = List.of(stretch(4), stretch(6));
        List<Measurement> bare = List.of(stretch(8), stretch(6));

        RoundRatios ratios = RoundRatios.of(limited, bare, Measurement::throughputPerSecond);

        assertEquals(0.5, ratios.perRound()[0], 1e-12);
        assertEquals(1.0, ratios.perRound()[1], 1e-12);
        assertEquals(0.75, ratios.median(), 1e-12);
    }

    @Test
    void casesWithDifferentRoundsCannotBeCompared() {
        assertThrows(IllegalArgumentException.class,
                () -> RoundRatios.of(List.of(stretch(1)), List.of(stretch(1), stretch(2)), Measurement::throughputPerSecond));
        assertThrows(IllegalArgumentException.class, () -> new RoundRatios(new double[0]));
    }

    private static Measurement stretch(int requests) {
        long[] latencies = new long[requests];
        java.util.Arrays.fill(latencies, MS);
        return new Measurement(1_000 * MS, latencies, Map.of(200, (long) requests));
    }
}
