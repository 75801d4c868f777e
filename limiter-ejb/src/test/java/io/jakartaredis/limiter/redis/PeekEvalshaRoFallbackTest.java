package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.LogCapture;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.resps.AccessControlLogEntry;

/**
 * Peeks fall back from EVALSHA_RO to EVALSHA only when the ACL refuses the {@code evalsha_ro} command
 * itself, as Redis 7.0 words it; a key refused or a wrong password leaves them read-only.
 */
class PeekEvalshaRoFallbackTest {

    private static final String ADMIN_PASSWORD = "admin-pw-for-tests";
    private static final String USER = "limiter";
    private static final String PASSWORD = "limiter-pw-for-tests";

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension("--requirepass", ADMIN_PASSWORD);

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void redisRefusingTheEvalshaRoCommandSwitchesPeeksToEvalshaLoggedOnce() {
        createUser(AclUserTest.LEAST_PRIVILEGE);
        try (Jedis asUser = asUser(PASSWORD)) {
            asUser.scriptLoad(TokenBucketScript.SCRIPT.source());
            var refused = assertThrows(JedisAccessControlException.class, () -> asUser.evalshaReadonly(
                    TokenBucketScript.SCRIPT.sha1(), List.of("rate_limit:x"), List.of("1", "", "peek", "5", "60000")));
            System.out.println("Redis's reply to EVALSHA_RO without +evalsha_ro: " + refused.getMessage());
            assertTrue(RedisFailure.isReadOnlyScriptCommandRefused(refused), refused.getMessage());
        }
        try (RedisRateLimiter limiter = limiter("rate_limit:")) {
            for (int i = 0; i < 3; i++) {
                assertEquals(5, limiter.peek("login", "alice").remaining());
            }
        }
        List<String> switched = logs.at(Level.WARNING).stream().filter(line -> line.contains("EVALSHA_RO")).toList();
        assertEquals(1, switched.size(), "logged once: " + switched);
        assertTrue(switched.get(0).contains("+evalsha_ro"), switched.get(0));
    }

    @Test
    void aKeyRefusedLeavesPeeksOnEvalshaRo() {
        List<String> rules = new ArrayList<>(AclUserTest.LEAST_PRIVILEGE);
        rules.remove("+evalsha"); // a switch to EVALSHA would show as a refused command in the ACL log
        rules.add("+evalsha_ro");
        createUser(rules);
        try (Jedis asUser = asUser(PASSWORD)) {
            asUser.scriptLoad(TokenBucketScript.SCRIPT.source());
            var refused = assertThrows(JedisAccessControlException.class, () -> asUser.evalshaReadonly(
                    TokenBucketScript.SCRIPT.sha1(), List.of("other:x"), List.of("1", "", "peek", "5", "60000")));
            assertFalse(RedisFailure.isReadOnlyScriptCommandRefused(refused), refused.getMessage());
        }
        try (RedisRateLimiter limiter = limiter("other:")) {
            try (Jedis admin = REDIS.server().admin()) {
                admin.aclLogReset(); // the startup check's EVALSHA is refused too: only the peeks count
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(5, limiter.peek("login", "alice").remaining(), "the failure policy (open) answers");
            }
        }
        try (Jedis admin = REDIS.server().admin()) {
            List<AccessControlLogEntry> denied = admin.aclLog();
            assertFalse(denied.isEmpty());
            assertEquals(List.of("key"), denied.stream().map(AccessControlLogEntry::getReason).distinct().toList(),
                    "only keys were refused: no peek went out as EVALSHA");
        }
        assertTrue(logs.at(Level.WARNING).stream().noneMatch(line -> line.contains("peeks run as EVALSHA")));
    }

    @Test
    void aWrongPasswordIsNoRefusedCommand() {
        createUser(AclUserTest.LEAST_PRIVILEGE);
        var refused = assertThrows(JedisAccessControlException.class, () -> asUser("wrong-pw").ping());
        assertTrue(refused.getMessage().startsWith("WRONGPASS"), refused.getMessage());
        assertFalse(RedisFailure.isReadOnlyScriptCommandRefused(refused));
    }

    private static Jedis asUser(String password) {
        return new Jedis(new HostAndPort(REDIS.server().host(), REDIS.server().port()),
                DefaultJedisClientConfig.builder().user(USER).password(password).build());
    }

    private static RedisRateLimiter limiter(String keyPrefix) {
        return TopologyLimiters.limiter("limiter.redis.url", REDIS.server().url(), "limiter.redis.user", USER,
                "limiter.redis.password", PASSWORD, "limiter.key-prefix", keyPrefix,
                "limiter.policy.login.limits", "5/1m", "limiter.policy.login.on-failure", "open");
    }

    private static void createUser(List<String> rules) {
        AclUserTest.createUser(REDIS.server(), rules);
    }
}
