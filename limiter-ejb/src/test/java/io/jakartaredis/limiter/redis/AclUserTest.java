package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;

/** The whole limiter runs as the least-privileged ACL user of the README, and that user reaches no other key. */
class AclUserTest {

    private static final String ADMIN_PASSWORD = "admin-pw-for-tests";
    private static final String USER = "limiter";
    private static final String PASSWORD = "limiter-pw-for-tests";
    /** The README's line, without the password. */
    static final List<String> LEAST_PRIVILEGE = List.of("reset", "on", "~rate_limit:*", "resetchannels", "-@all",
            "+evalsha", "+script|load", "+ping", "+time", "+pexpiretime", "+get", "+set", "+pexpireat");

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension("--requirepass", ADMIN_PASSWORD);

    @Test
    void runsEveryDecisionAsTheLeastPrivilegedUserWithoutOneDenial() {
        createUser(LEAST_PRIVILEGE);
        try (RedisRateLimiter limiter = limiter("rate_limit:")) {
            assertEquals(4, limiter.tryAcquire("login", "alice").remaining());
            REDIS.server().flushAll();
            for (int i = 0; i < 5; i++) {
                assertTrue(limiter.tryAcquire("login", "bob").allowed(), "after SCRIPT FLUSH, call " + i);
            }
            assertFalse(limiter.tryAcquire("login", "bob").allowed());
            limiter.ping();
        }
        try (Jedis admin = REDIS.server().admin()) {
            assertEquals(List.of(), admin.aclLog(), "no command, key or handshake step was denied");
        }
    }

    @Test
    void refusesKeysOutsideThePrefix() {
        createUser(LEAST_PRIVILEGE);
        try (RedisRateLimiter limiter = limiter("other:")) {
            var failure = assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("login", "alice"));
            assertTrue(failure.getMessage().contains("NOPERM"), failure.getMessage());
        }
        try (Jedis asUser = new Jedis(new HostAndPort(REDIS.server().host(), REDIS.server().port()),
                DefaultJedisClientConfig.builder().user(USER).password(PASSWORD).build())) {
            asUser.scriptLoad(TokenBucketScript.SCRIPT.source());
            assertThrows(JedisAccessControlException.class, () -> asUser.evalsha(TokenBucketScript.SCRIPT.sha1(),
                    List.of("session:alice"), List.of("1", "", "5", "60000")));
            assertThrows(JedisAccessControlException.class, () -> asUser.get("session:alice"));
            assertThrows(JedisAccessControlException.class, () -> asUser.del("rate_limit:login:alice"));
            assertThrows(JedisAccessControlException.class, () -> asUser.keys("*"));
        }
    }

    /** Minimal: without any one permission of the line, some part of the limiter fails. */
    @ParameterizedTest
    @ValueSource(strings = {"+evalsha", "+script|load", "+ping", "+time", "+pexpiretime", "+get", "+set", "+pexpireat"})
    void needsEveryPermissionOfTheLine(String permission) {
        List<String> rules = new ArrayList<>(LEAST_PRIVILEGE);
        rules.remove(permission);
        createUser(rules);
        try (RedisRateLimiter limiter = limiter("rate_limit:")) {
            assertThrows(RateLimiterUnavailableException.class, () -> {
                limiter.tryAcquire("login", "alice"); // a new bucket: SET
                limiter.tryAcquire("login", "alice"); // an existing one: GET, then PEXPIREAT (5/1m: whole-ms tokens)
                REDIS.server().flushAll();
                limiter.tryAcquire("login", "bob");
                limiter.ping();
            }, "without " + permission);
        }
    }

    private static RedisRateLimiter limiter(String keyPrefix) {
        return TopologyLimiters.limiter("limiter.redis.url", REDIS.server().url(), "limiter.redis.user", USER,
                "limiter.redis.password", PASSWORD, "limiter.key-prefix", keyPrefix,
                "limiter.policy.login.limits", "5/1m");
    }

    private static void createUser(List<String> rules) {
        createUser(REDIS.server(), rules);
    }

    /** (Re)creates the user {@code limiter} with these rules and its test password, the ACL log emptied. */
    static void createUser(RedisServer server, List<String> rules) {
        List<String> all = new ArrayList<>(rules);
        all.add(">" + PASSWORD);
        try (Jedis admin = server.admin()) {
            admin.aclDelUser(USER);
            admin.aclLogReset();
            admin.aclSetUser(USER, all.toArray(String[]::new));
        }
    }
}
