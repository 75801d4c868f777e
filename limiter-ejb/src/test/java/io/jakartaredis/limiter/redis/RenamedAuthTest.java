package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.jakartaredis.limiter.LogCapture;
import io.jakartaredis.limiter.Passwords;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.core.RedisReadiness;
import io.jakartaredis.limiter.testkit.RedisServer;

/**
 * A Redis without AUTH (renamed away) echoes the arguments of the unknown command in its error,
 * i.e. the user and the password: no part of either may show in a log line, a message or a stack trace.
 */
class RenamedAuthTest {

    private static final String USER = "Us3r-Name-Qv";
    static final List<String> PASSWORDS = Passwords.ALL;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @ParameterizedTest
    @FieldSource("PASSWORDS")
    void theCredentialsThatRedisEchoesShowNowhere(String password) {
        try (RedisServer redis = RedisServer.start("--rename-command", "AUTH", "\"\"")) {
            String text;
            try (RedisRateLimiter limiter = TestLimiters.limiter(redis, "limiter.redis.user", USER,
                    "limiter.redis.password", password, "limiter.on-failure", "closed",
                    "limiter.policy.api.limits", "5/1m")) {
                List<String> errors = logs.at(Level.SEVERE);
                assertEquals(1, errors.size(), logs.all());
                assertTrue(errors.get(0).contains("Redis does not know AUTH"), errors.get(0));
                StringBuilder seen = new StringBuilder();
                for (int i = 0; i < 8; i++) { // past the circuit breaker's threshold: the outage log too
                    var failure = assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("api", "a"));
                    seen.append(stackTrace(failure));
                }
                RedisReadiness readiness = limiter.readiness();
                assertFalse(readiness.up());
                text = seen + logs.all();
            }
            assertTrue(text.contains("unknown command 'AUTH'"), text);
            Passwords.assertShowsNoPart(password, text);
            assertFalse(text.contains(USER), text);
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
