package io.jakartaredis.limiter.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.resilience.CircuitBreaker.State;

class CircuitBreakerTest {

    private final FakeClock clock = new FakeClock();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofMillis(500), clock);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertTrue(breaker.tryCall());
            breaker.onFailure();
        }
    }

    @Test
    void opensAfterTheThresholdOfConsecutiveFailures() {
        fail(2);
        assertEquals(State.CLOSED, breaker.state());
        fail(1);
        assertEquals(State.OPEN, breaker.state());
        assertFalse(breaker.tryCall());
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        fail(2);
        assertTrue(breaker.tryCall());
        breaker.onSuccess();
        fail(2);
        assertEquals(State.CLOSED, breaker.state());
    }

    @Test
    void refusesDuringTheCoolDownThenLetsExactlyOneProbeThrough() {
        fail(3);
        clock.advanceMillis(499);
        assertFalse(breaker.tryCall());
        clock.advanceMillis(1);
        assertTrue(breaker.tryCall(), "the probe");
        assertEquals(State.HALF_OPEN, breaker.state());
        assertFalse(breaker.tryCall(), "only one probe at a time");
        assertFalse(breaker.tryCall());
    }

    @Test
    void aSuccessfulProbeClosesTheCircuit() {
        fail(3);
        clock.advanceMillis(500);
        assertTrue(breaker.tryCall());
        breaker.onSuccess();
        assertEquals(State.CLOSED, breaker.state());
        assertTrue(breaker.tryCall());
        fail(2);
        assertEquals(State.CLOSED, breaker.state(), "the failure count started again");
    }

    @Test
    void aFailedProbeOpensTheCircuitForAnotherCoolDown() {
        fail(3);
        clock.advanceMillis(500);
        assertTrue(breaker.tryCall());
        clock.advanceMillis(300); // the probe timed out
        breaker.onFailure();
        assertEquals(State.OPEN, breaker.state());
        clock.advanceMillis(499);
        assertFalse(breaker.tryCall(), "the cool-down counts from the failed probe");
        clock.advanceMillis(1);
        assertTrue(breaker.tryCall());
    }

    @Test
    void aSkippedProbePassesItsTurnToTheNextCall() {
        fail(3);
        clock.advanceMillis(500);
        assertTrue(breaker.tryCall());
        breaker.onSkipped();
        assertEquals(State.OPEN, breaker.state());
        assertTrue(breaker.tryCall(), "the next call probes at once");
    }

    @Test
    void aLateSuccessOfAnEarlierCallClosesTheCircuit() {
        fail(3);
        breaker.onSuccess(); // a call started before the circuit opened: Redis answered after all
        assertEquals(State.CLOSED, breaker.state());
    }
}
