package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.resilience.CircuitBreaker;
import io.jakartaredis.limiter.resilience.ConnectionGate;
import io.jakartaredis.limiter.resilience.OutageLog;
import redis.clients.jedis.exceptions.JedisAccessControlException;

/** An error reply to a read-only call proves Redis answered: it never moves the circuit breaker. */
class PeekErrorReplyTest {

    private static final Supplier<Object> REFUSED = () -> {
        throw new RateLimiterUnavailableException("EVALSHA_RO failed",
                new JedisAccessControlException("NOPERM User limiter has no permissions to run the 'evalsha_ro' command"));
    };

    private static RedisGuard guard(CircuitBreaker breaker) {
        return new RedisGuard(breaker, new ConnectionGate(2, Duration.ofSeconds(1)),
                new OutageLog(System.getLogger("test"), Duration.ofSeconds(10), System::nanoTime));
    }

    @Test
    void refusedReadsLeaveTheCircuitClosedWhereRefusedDecisionsOpenIt() {
        CircuitBreaker breaker = new CircuitBreaker(5, Duration.ofMinutes(1), System::nanoTime);
        RedisGuard guard = guard(breaker);
        for (int i = 0; i < 20; i++) {
            assertThrows(RateLimiterUnavailableException.class, () -> guard.callReadOnly(REFUSED));
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        for (int i = 0; i < 5; i++) {
            assertThrows(RateLimiterUnavailableException.class, () -> guard.call(REFUSED));
        }
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertThrows(RedisNotAskedException.class, () -> guard.callReadOnly(() -> "answer"), "an open circuit holds for reads");
    }
}
