package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.resilience.CircuitBreaker;
import io.jakartaredis.limiter.resilience.ConnectionGate;
import io.jakartaredis.limiter.resilience.OutageLog;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * An error reply to a read-only call about the call itself (NOPERM, a script error) never moves the circuit breaker;
 * one saying Redis cannot serve (LOADING, BUSY, READONLY, …) counts as for decisions.
 */
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

    /** Replies that say Redis cannot serve count toward the breaker for reads as for decisions. */
    @ParameterizedTest
    @ValueSource(strings = {"LOADING Redis is loading the dataset in memory",
            "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT.",
            "READONLY You can't write against a read only replica.", "MASTERDOWN Link with MASTER is down",
            "CLUSTERDOWN The cluster is down", "TRYAGAIN Multiple keys request during rehashing of slot"})
    void unavailableRepliesToReadsOpenTheCircuit(String reply) {
        CircuitBreaker breaker = new CircuitBreaker(5, Duration.ofMinutes(1), System::nanoTime);
        RedisGuard guard = guard(breaker);
        for (int i = 0; i < 5; i++) {
            assertThrows(RateLimiterUnavailableException.class, () -> guard.callReadOnly(() -> {
                throw new RateLimiterUnavailableException("EVALSHA_RO failed", new JedisDataException(reply));
            }));
        }
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(), reply);
    }

    @Test
    void aScriptErrorToAReadLeavesTheCircuitClosed() {
        CircuitBreaker breaker = new CircuitBreaker(5, Duration.ofMinutes(1), System::nanoTime);
        RedisGuard guard = guard(breaker);
        for (int i = 0; i < 20; i++) {
            assertThrows(RateLimiterUnavailableException.class, () -> guard.callReadOnly(() -> {
                throw new RateLimiterUnavailableException("EVALSHA_RO failed", new JedisDataException(
                        "ERR user_script:12: Script attempted to access nonexistent global variable 'x'"));
            }));
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }
}
