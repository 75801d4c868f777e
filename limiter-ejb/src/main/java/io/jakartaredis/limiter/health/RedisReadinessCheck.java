package io.jakartaredis.limiter.health;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.jakartaredis.limiter.cdi.RateLimitedExtension;
import io.jakartaredis.limiter.cdi.RateLimiterBean;
import io.jakartaredis.limiter.core.RedisReadiness;
import io.jakartaredis.limiter.config.LimiterConfig;

/**
 * Readiness of the limiter ({@code /health/ready}): UP when Redis runs the token-bucket script,
 * DOWN with a stable reason ({@code unreachable}, {@code timeout}, {@code script-failed},
 * {@code circuit-open}), the circuit breaker's state and the failure policies when not. Payara
 * serves it on the public listener: its data never holds a host name or Redis' own error text,
 * which go to the log. No bean-defining annotation: the CDI extension adds it, application-scoped,
 * only where the server has MicroProfile Health, so that elsewhere it is never loaded.
 */
@Readiness
public class RedisReadinessCheck implements HealthCheck {

    static final String NAME = "rate-limiter-redis";
    static final String NOT_STARTED = "not-started";

    /**
     * The extension, not the limiter bean: an extension is visible from every bean archive, while
     * a type the extension added may land in an archive of its own that sees no other bean of the
     * library (Payara's Weld).
     */
    @Inject
    RateLimitedExtension extension;

    @Override
    public HealthCheckResponse call() {
        RateLimiterBean limiter = extension.runningLimiter();
        if (limiter == null) {
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(Map.of("reason", NOT_STARTED)));
        }
        return check(limiter.config(), limiter::readiness);
    }

    /** The response, from the configuration and one readiness check. */
    static HealthCheckResponse check(LimiterConfig config, Supplier<RedisReadiness> readiness) {
        RedisReadiness found = readiness.get();
        Map<String, Object> data = new LinkedHashMap<>();
        if (found.up()) {
            data.put("circuit", found.circuit().name());
            data.put("scriptMicros", found.roundTrip().toNanos() / 1000);
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(data));
        }
        data.put("reason", found.reason());
        data.put("circuit", found.circuit().name());
        data.put("onFailure", config.resilience().onFailure().toString());
        data.put("policies", config.policies().values().stream().sorted(Comparator.comparing(p -> p.name()))
                .map(p -> p.name() + "=" + p.onFailure()).collect(Collectors.joining(", ")));
        return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(data));
    }
}
