package io.jakartaredis.limiter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
