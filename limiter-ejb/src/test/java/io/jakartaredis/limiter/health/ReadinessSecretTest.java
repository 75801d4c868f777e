package io.jakartaredis.limiter.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/** The readiness check's output never shows the password, up or down. */
class ReadinessSecretTest {

    private static final String SECRET = "Health-5ecret-Never-Shown";

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension("--requirepass", SECRET);

    @Test
    void upAndDownShowNoPassword() {
        assertEquals(HealthCheckResponse.Status.UP, checkWithPassword(SECRET).getStatus());
        HealthCheckResponse down = checkWithPassword("Wrong-" + SECRET);
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
        assertFalse(down.getData().orElseThrow().toString().contains(SECRET), down.getData().toString());
    }

    private static HealthCheckResponse checkWithPassword(String password) {
        LimiterConfig config = LimiterConfigReader.read(ConfigValues.of(Map.of(
                "limiter.redis.url", "redis://u:" + password + "@127.0.0.1:" + REDIS.server().port(),
                "limiter.redis.user", "default", "limiter.policy.api.limits", "5/1m")));
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
            HealthCheckResponse response = RedisReadinessCheck.check(config, limiter::readiness);
            assertFalse(String.valueOf(response.getData()).contains(SECRET), String.valueOf(response.getData()));
            return response;
        }
    }
}
