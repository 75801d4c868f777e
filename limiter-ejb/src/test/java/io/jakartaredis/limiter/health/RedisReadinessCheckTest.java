package io.jakartaredis.limiter.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;

/** The readiness check against a real Redis that answers, then is killed; it requires a password. */
class RedisReadinessCheckTest {

    private static final String PASSWORD = "s3cret-pw";

    @Test
    void upWithThePingLatencyThenDownWithThePoliciesAndNeverThePassword() {
        try (RedisServer redis = RedisServer.start("--requirepass", PASSWORD)) {
            LimiterConfig config = LimiterConfigReader.read(ConfigValues.of(Map.of(
                    "limiter.redis.url", "redis://:" + PASSWORD + "@127.0.0.1:" + redis.port(),
                    "limiter.redis.timeout", "200ms",
                    "limiter.policy.api.limits", "10/1s", "limiter.policy.login.limits", "5/1m",
                    "limiter.policy.login.on-failure", "closed")));
            try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
                HealthCheckResponse up = RedisReadinessCheck.check(config, limiter::ping, limiter::circuitState);
                assertEquals(Status.UP, up.getStatus());
                Map<String, Object> upData = up.getData().orElseThrow();
                assertTrue((Long) upData.get("pingMicros") > 0, upData.toString());
                assertEquals("127.0.0.1:" + redis.port() + "/0", upData.get("redis"));

                redis.kill();
                HealthCheckResponse down = RedisReadinessCheck.check(config, limiter::ping, limiter::circuitState);
                assertEquals(Status.DOWN, down.getStatus());
                Map<String, Object> downData = down.getData().orElseThrow();
                assertEquals("api=open, login=closed", downData.get("policies"));
                assertEquals("CLOSED", downData.get("circuit"));
                assertFalse(up.getData().toString().contains(PASSWORD) || downData.toString().contains(PASSWORD),
                        downData.toString());
            }
        }
    }
}
