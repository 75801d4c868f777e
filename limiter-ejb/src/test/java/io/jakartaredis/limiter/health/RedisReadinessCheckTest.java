package io.jakartaredis.limiter.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.LogCapture;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * The readiness check against a real Redis: its data holds a stable reason and the circuit's state,
 * never a host, a port or Redis' error text; why it is DOWN is logged once, not once per probe.
 */
class RedisReadinessCheckTest {

    private static final String PASSWORD = "s3cret-pw";

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static LimiterConfig config(RedisServer redis, String... more) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "limiter.redis.url", "redis://:" + PASSWORD + "@127.0.0.1:" + redis.port(),
                "limiter.redis.timeout", "200ms", "limiter.circuit.failure-threshold", "3",
                "limiter.policy.api.limits", "10/1s", "limiter.policy.login.limits", "5/1m",
                "limiter.policy.login.on-failure", "closed"));
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return LimiterConfigReader.read(ConfigValues.of(values));
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }

    private static Map<String, Object> down(String reason, String circuit) {
        return Map.of("reason", reason, "circuit", circuit, "onFailure", "open", "policies", "api=open, login=closed");
    }

    private static void assertShowsNoInternals(RedisServer redis, HealthCheckResponse response) {
        String shown = String.valueOf(response.getData());
        for (String internal : List.of("127.0.0.1", Integer.toString(redis.port()), PASSWORD, "EVALSHA", "ERR",
                "NOPERM", "refused", "Connection", "Read timed out", "token_bucket")) {
            assertFalse(shown.contains(internal), internal + " shows in " + shown);
        }
    }

    @Test
    void upShowsTheCircuitAndTheScriptsTimeOnly() {
        try (RedisServer redis = RedisServer.start("--requirepass", PASSWORD)) {
            LimiterConfig config = config(redis);
            try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
                HealthCheckResponse up = RedisReadinessCheck.check(config, limiter::readiness);
                assertEquals(Status.UP, up.getStatus());
                assertEquals(Set.of("circuit", "scriptMicros"), data(up).keySet());
                assertEquals("CLOSED", data(up).get("circuit"));
                assertTrue((Long) data(up).get("scriptMicros") > 0, data(up).toString());
                assertShowsNoInternals(redis, up);
            }
        }
    }

    @Test
    void unreachableIsLoggedOnceAndShownWithoutHostOrError() {
        try (RedisServer redis = RedisServer.start("--requirepass", PASSWORD)) {
            LimiterConfig config = config(redis);
            try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
                redis.kill();
                logs.clear();
                for (int i = 0; i < 5; i++) {
                    HealthCheckResponse down = RedisReadinessCheck.check(config, limiter::readiness);
                    assertEquals(Status.DOWN, down.getStatus());
                    assertEquals(down("unreachable", "CLOSED"), data(down));
                    assertShowsNoInternals(redis, down);
                }
                List<String> warnings = logs.at(Level.WARNING);
                assertEquals(1, warnings.size(), warnings.toString());
                assertTrue(warnings.get(0).contains("not ready (unreachable)") && warnings.get(0).contains("127.0.0.1:"
                        + redis.port()), "the log has the details: " + warnings);

                redis.restart();
                assertEquals(Status.UP, RedisReadinessCheck.check(config, limiter::readiness).getStatus());
                assertEquals(1, logs.at(Level.INFO).stream().filter(l -> l.contains("ready again")).count(), logs.all());
            }
        }
    }

    @Test
    void aFrozenRedisIsATimeout() {
        try (RedisServer redis = RedisServer.start("--requirepass", PASSWORD)) {
            LimiterConfig config = config(redis);
            try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
                redis.freeze();
                try {
                    HealthCheckResponse down = RedisReadinessCheck.check(config, limiter::readiness);
                    assertEquals(down("timeout", "CLOSED"), data(down));
                    assertShowsNoInternals(redis, down);
                } finally {
                    redis.resume();
                }
            }
        }
    }

    @Test
    void anOpenCircuitIsDownWhileRedisItselfWouldAnswer() {
        try (RedisServer redis = RedisServer.start("--requirepass", PASSWORD)) {
            LimiterConfig config = config(redis, "limiter.circuit.cool-down", "1h");
            try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
                redis.kill();
                for (int i = 0; i < 3; i++) {
                    limiter.tryAcquire("api", "alice"); // the open failure policy admits
                }
                redis.restart();
                HealthCheckResponse down = RedisReadinessCheck.check(config, limiter::readiness);
                assertEquals(down("circuit-open", "OPEN"), data(down));
                assertShowsNoInternals(redis, down);
            }
        }
    }

    @Test
    void aScriptThatRedisRefusesIsScriptFailedWithoutRedisText() {
        try (RedisServer redis = RedisServer.start("--requirepass", PASSWORD)) {
            try (Jedis admin = redis.admin()) {
                admin.aclSetUser("limiter", "reset", "on", ">limiter-pw", "~rate_limit:*", "-@all", "+evalsha",
                        "+script|load", "+ping", "+time", "+get", "+set", "+pexpireat");
            }
            LimiterConfig config = config(redis, "limiter.redis.user", "limiter", "limiter.redis.password", "limiter-pw");
            try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
                HealthCheckResponse down = RedisReadinessCheck.check(config, limiter::readiness);
                assertEquals(down("script-failed", "CLOSED"), data(down));
                assertShowsNoInternals(redis, down);
                assertFalse(String.valueOf(down.getData()).toLowerCase().contains("pexpiretime"));
            }
        }
    }

    @Test
    void isDownAsNotStartedBeforeTheLimiterStarts() {
        RedisReadinessCheck check = new RedisReadinessCheck();
        check.extension = new io.jakartaredis.limiter.cdi.RateLimitedExtension();
        HealthCheckResponse response = check.call();
        assertEquals(Status.DOWN, response.getStatus());
        assertEquals(Map.of("reason", RedisReadinessCheck.NOT_STARTED), data(response));
    }
}
