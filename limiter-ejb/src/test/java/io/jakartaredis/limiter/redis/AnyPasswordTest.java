package io.jakartaredis.limiter.redis;

import static io.jakartaredis.limiter.Passwords.assertShowsNoPart;
import static io.jakartaredis.limiter.Passwords.percentEncoded;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jakartaredis.limiter.LogCapture;
import io.jakartaredis.limiter.Passwords;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/**
 * A real redis-server accepts passwords of every printable ASCII character ({@code / + @ : % ?} …)
 * in each way the configuration takes them, and its refusals (WRONGPASS, NOPERM) show no part of one,
 * in exceptions, stack traces or the log.
 */
class AnyPasswordTest {

    private static final String USER = "acl-app";

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension("--requirepass", "admin-pw-for-tests");

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    static Stream<String> passwords() {
        return Passwords.ALL.stream();
    }

    /** Each way of giving the password: (name, value, …) after the policy. */
    private static List<String[]> configurations(String password) {
        String address = REDIS.server().host() + ":" + REDIS.server().port();
        List<String[]> ways = new ArrayList<>(List.of(
                new String[] {"limiter.redis.url", "redis://" + USER + ":" + percentEncoded(password) + "@" + address},
                new String[] {"limiter.redis.url", "redis://:" + percentEncoded(password) + "@" + address},
                new String[] {"limiter.redis.url", "redis://" + address, "limiter.redis.user", USER,
                        "limiter.redis.password", password},
                new String[] {"REDIS_CONN_ADDRESS", address, "REDIS_PASSWORD", password}));
        if (password.indexOf('%') < 0) { // unencoded: / @ : ? # and + need no escape here
            ways.add(new String[] {"limiter.redis.url", "redis://" + USER + ":" + password + "@" + address});
        }
        return ways;
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void authenticatesWithThePasswordInEveryForm(String password) {
        setPasswords(password, List.of("+@all", "~*"));
        for (String[] way : configurations(password)) {
            LimiterConfig config = config(way);
            try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
                assertTrue(limiter.tryAcquire("api", "alice").allowed(), String.join(" ", way));
            }
            assertShowsNoPart(password, config + config.redis().endpoint() + logs());
        }
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void wrongPassShowsNoPartOfEitherPassword(String password) {
        setPasswords(Passwords.EVERY_PRINTABLE_OTHER, List.of("+@all", "~*"));
        for (String[] way : configurations(password)) {
            LimiterConfig config = config(way);
            try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
                var failure = assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("api", "a"));
                assertTrue(stackTrace(failure).contains("WRONGPASS"), stackTrace(failure));
                assertShowsNoPart(password, stackTrace(failure) + config + logs());
                assertShowsNoPart(Passwords.EVERY_PRINTABLE_OTHER, stackTrace(failure) + logs());
            }
        }
        assertFalse(logs().isEmpty(), "the failures were logged");
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void anAclUserWithoutPermissionShowsNoPartOfThePassword(String password) {
        setPasswords(password, List.of("-@all", "+ping", "~*"));
        for (String[] way : configurations(password)) {
            if (!List.of(way).toString().contains(USER)) {
                continue; // the default user may run everything
            }
            LimiterConfig config = config(way);
            try (RedisRateLimiter limiter = RedisRateLimiter.connect(config)) {
                var failure = assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("api", "a"));
                assertTrue(stackTrace(failure).contains("NOPERM"), stackTrace(failure));
                assertShowsNoPart(password, stackTrace(failure) + config + logs());
            }
        }
    }

    /** The password of the ACL user, with these permissions, and of the default user (beside the admin's own). */
    private static void setPasswords(String password, List<String> permissions) {
        try (Jedis admin = REDIS.server().admin()) {
            admin.aclDelUser(USER);
            List<String> rules = new ArrayList<>(List.of("reset", "on", ">" + password));
            rules.addAll(permissions);
            admin.aclSetUser(USER, rules.toArray(String[]::new));
            admin.aclSetUser("default", "resetpass", ">admin-pw-for-tests", ">" + password);
        }
    }

    @AfterEach
    void restoreTheDefaultUser() {
        try (Jedis admin = REDIS.server().admin()) {
            admin.aclSetUser("default", "resetpass", ">admin-pw-for-tests");
        }
    }

    private static LimiterConfig config(String[] way) {
        List<String> properties = new ArrayList<>(List.of("limiter.policy.api.limits", "5/1m"));
        properties.addAll(List.of(way));
        return TopologyLimiters.config(properties.toArray(String[]::new));
    }

    private String logs() {
        return logs.all();
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
