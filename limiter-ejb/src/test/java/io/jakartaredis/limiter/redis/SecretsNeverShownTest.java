package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.LogCapture;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/**
 * No password shows in System.Logger/JUL output, exception messages or stack traces, or the
 * configuration's {@code toString()}, whether the connection succeeds or fails.
 */
class SecretsNeverShownTest {

    private static final String SECRET = "Pw-5ecret-Never-Shown";

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension("--requirepass", SECRET);

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void aSucceedingConnectionShowsNoPassword() {
        LimiterConfig config = TopologyLimiters.config("limiter.redis.url", "redis://:" + SECRET + "@127.0.0.1:"
                + REDIS.server().port(), "limiter.policy.api.limits", "5/1m");
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
            assertTrue(limiter.tryAcquire("api", "alice").allowed());
        }
        assertNoSecret(config.toString(), config.redis().endpoint());
    }

    @Test
    void aPasswordOnlyUserInformationAuthenticates() {
        LimiterConfig config = TopologyLimiters.config("limiter.redis.url", "redis://" + SECRET + "@127.0.0.1:"
                + REDIS.server().port(), "limiter.policy.api.limits", "5/1m", "limiter.on-failure", "closed");
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
            assertTrue(limiter.tryAcquire("api", "alice").allowed());
        }
        assertNoSecret(config.toString(), config.redis().endpoint());
    }

    @Test
    void aWrongPasswordShowsNeitherPassword() {
        String wrong = "Wrong-" + SECRET;
        LimiterConfig config = TopologyLimiters.config("limiter.redis.url", "redis://limiter:" + wrong + "@127.0.0.1:"
                + REDIS.server().port(), "limiter.policy.api.limits", "5/1m");
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
            var failure = assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("api", "alice"));
            assertTrue(failure.getMessage().contains("WRONGPASS"), failure.getMessage());
            // The wrong password contains SECRET: a leak of either shows SECRET.
            assertNoSecret(stackTrace(failure), config.toString());
        }
        assertFalse(logs.all().isEmpty(), "the failure was logged");
    }

    @Test
    void anUnreachableServerShowsNoPassword() {
        LimiterConfig config = TopologyLimiters.config("limiter.redis.url", "redis://u:" + SECRET + "@127.0.0.1:"
                + RedisServer.freePort(), "limiter.policy.api.limits", "5/1m");
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
            for (int i = 0; i < 8; i++) { // past the circuit breaker's threshold
                var failure = assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("api", "a"));
                assertNoSecret(stackTrace(failure));
            }
        }
        assertFalse(logs.all().isEmpty(), "the outage was logged");
    }

    @Test
    void invalidConfigurationShowsNoPassword() {
        var badUrl = assertThrows(InvalidConfigurationException.class, () -> TopologyLimiters.config(
                "limiter.redis.url", "redis://u:" + SECRET + "@127.0.0.1:port"));
        var strayStorePassword = assertThrows(InvalidConfigurationException.class, () -> TopologyLimiters.config(
                "limiter.redis.tls.truststore-password", SECRET));
        var sentinel = TopologyLimiters.config("limiter.redis.sentinel.master", "m", "limiter.redis.sentinel.nodes",
                "127.0.0.1:26379", "limiter.redis.sentinel.password", SECRET, "limiter.redis.password", SECRET);
        assertNoSecret(stackTrace(badUrl), stackTrace(strayStorePassword), sentinel.toString(), sentinel.redis().endpoint());
    }

    private void assertNoSecret(String... texts) {
        List<String> all = new ArrayList<>(List.of(texts));
        all.add(logs.all());
        for (String text : all) {
            assertFalse(text.contains(SECRET), "the password shows in: " + text);
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
