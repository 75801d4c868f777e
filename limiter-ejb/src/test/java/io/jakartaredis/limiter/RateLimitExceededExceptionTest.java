package io.jakartaredis.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** What a pass-by-value call ({@code @Remote}, RMI) does to the exception: serialize and read it back. */
class RateLimitExceededExceptionTest {

    @Test
    void theDecisionSurvivesSerialization() throws Exception {
        Decision rejected = new Decision("api", false, 1000, Duration.ofHours(1), 0, 3_600, 3_600_000, 1);
        RateLimitExceededException copy = roundTrip(RateLimitExceededException.of(rejected));
        assertEquals(rejected, copy.decision());
        assertEquals(RateLimitExceededException.of(rejected).getMessage(), copy.getMessage());
    }

    private static RateLimitExceededException roundTrip(RateLimitExceededException exception)
            throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(exception);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (RateLimitExceededException) in.readObject();
        }
    }
}
