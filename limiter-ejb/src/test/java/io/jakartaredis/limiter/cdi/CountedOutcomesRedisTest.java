package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimitExceededException;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.keys.KeyStrategy;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/** Counting by outcome through the interceptor's call logic, against a real Redis. */
class CountedOutcomesRedisTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** The failed login of the README. */
    static final class InvalidCredentialsException extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private static final LimitedMethod LOGIN = new LimitedMethod("login", new KeyStrategy.Header("X-User"), null, 1,
            new CountedOutcomes(List.of(InvalidCredentialsException.class), List.of()), Duration.ZERO);

    private RedisRateLimiter limiter;

    @BeforeEach
    void connect() {
        limiter = TestLimiters.limiter(REDIS.server(), "limiter.policy.login.limits", "5/15m");
    }

    @AfterEach
    void close() {
        limiter.close();
    }

    private String login(String user, boolean rightPassword) throws Exception {
        return (String) LimitedCall.run(limiter, LOGIN, "hdr:" + user, Decision.DEFAULT_TIER, () -> {
            if (!rightPassword) {
                throw new InvalidCredentialsException();
            }
            return "welcome";
        });
    }

    @Test
    void onlyFailedLoginsCountFiveInFifteenMinutes() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertEquals("welcome", login("alice", true), "successful login " + (i + 1));
        }
        for (int i = 0; i < 5; i++) {
            assertThrows(InvalidCredentialsException.class, () -> login("alice", false), "failed login " + (i + 1));
        }
        RateLimitExceededException sixth = assertThrows(RateLimitExceededException.class, () -> login("alice", false));
        long oneToken = Duration.ofMinutes(3).toMillis();
        assertTrue(sixth.decision().retryAfterMillis() > oneToken - 1000 && sixth.decision().retryAfterMillis() <= oneToken,
                "one token of 5/15m: " + sixth.decision().retryAfterMillis());
        assertThrows(RateLimitExceededException.class, () -> login("alice", true),
                "tokens are taken before the call: once 5 failures count, even the right password waits");
        assertEquals("welcome", login("bob", true), "another user has a bucket of their own");
    }
}
