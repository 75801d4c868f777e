package io.jakartaredis.limiter.health;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.cdi.RateLimiterBean;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.resilience.CircuitBreaker;

/**
 * Readiness of the limiter ({@code /health/ready}): UP with the {@code PING} round trip when
 * Redis answers, DOWN with the failure policies and the circuit breaker's state when not. Its data
 * names Redis by host and port only, never by a URL with credentials.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {

    static final String NAME = "rate-limiter-redis";

    @Inject
    RateLimiterBean limiter;

    @Override
    public HealthCheckResponse call() {
        return check(limiter.config(), limiter::ping, limiter::circuitState);
    }

    /** The response, from the configuration, one ping and the breaker's state. */
    static HealthCheckResponse check(LimiterConfig config, Supplier<Duration> ping, Supplier<CircuitBreaker.State> circuit) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("redis", config.redis().endpoint());
        try {
            Duration latency = ping.get();
            data.put("pingMicros", latency.toNanos() / 1000);
            data.put("circuit", circuit.get().name());
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(data));
        } catch (RateLimiterUnavailableException e) {
            data.put("error", e.getMessage());
            data.put("circuit", circuit.get().name());
            data.put("onFailure", config.resilience().onFailure().toString());
            data.put("policies", config.policies().values().stream().sorted(Comparator.comparing(p -> p.name()))
                    .map(p -> p.name() + "=" + p.onFailure()).collect(Collectors.joining(", ")));
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(data));
        }
    }
}
