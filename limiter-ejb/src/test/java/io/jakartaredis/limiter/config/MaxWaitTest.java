package io.jakartaredis.limiter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MaxWaitTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "0ms", " 00 m ", "PT0S", "pt0.0s"})
    void zeroMeansNoWaiting(String zero) {
        assertEquals(Duration.ZERO, MaxWait.parse(zero));
    }

    @Test
    void aDurationUpToTheLongestWaitIsRead() {
        assertEquals(Duration.ofMillis(250), MaxWait.parse("250ms"));
        assertEquals(Duration.ofSeconds(5), MaxWait.parse("5s"));
        assertEquals(MaxWait.LONGEST, MaxWait.parse("60m"));
        assertEquals(MaxWait.LONGEST, MaxWait.parse("PT1H"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1s", "PT-1S", "5", "soon", "1h1ms", "2h", "1d"})
    void negativeMalformedOrTooLongWaitsAreRejected(String invalid) {
        assertThrows(IllegalArgumentException.class, () -> MaxWait.parse(invalid));
    }
}
