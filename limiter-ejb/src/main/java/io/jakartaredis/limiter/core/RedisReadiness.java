package io.jakartaredis.limiter.core;

import java.time.Duration;
import java.util.Objects;

import io.jakartaredis.limiter.resilience.CircuitBreaker;

/**
 * What the readiness check found: whether Redis runs the token-bucket script, and if not, a stable
 * reason. Holds no host name and no text of Redis: details go to the log.
 *
 * @param reason    {@code null} when up; else {@code unreachable}, {@code timeout}, {@code script-failed} or {@code circuit-open}
 * @param circuit   the circuit breaker's state
 * @param roundTrip how long the script took; {@link Duration#ZERO} when down
 */
public record RedisReadiness(String reason, CircuitBreaker.State circuit, Duration roundTrip) {

    /** The reason while the circuit breaker keeps decisions from Redis. */
    public static final String CIRCUIT_OPEN = "circuit-open";

    public RedisReadiness {
        Objects.requireNonNull(circuit, "circuit");
        Objects.requireNonNull(roundTrip, "roundTrip");
    }

    /** Whether decisions can go to Redis. */
    public boolean up() {
        return reason == null;
    }
}
