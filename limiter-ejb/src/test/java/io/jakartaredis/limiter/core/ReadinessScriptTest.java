package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jakartaredis.limiter.LogCapture;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * Readiness runs the real token-bucket script at startup and in every check, against a real
 * Redis: whatever makes every decision fail makes it DOWN, and startup logs one ERROR naming why.
 */
class ReadinessScriptTest {

    /** The README's least-privileged user, without its password. */
    private static final List<String> LEAST_PRIVILEGE = List.of("reset", "on", "~rate_limit:*", "resetchannels", "-@all",
            "+evalsha", "+script|load", "+ping", "+time", "+pexpiretime", "+get", "+set", "+pexpireat");

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @ParameterizedTest(name = "without {0}")
    @CsvSource({
        "+pexpiretime, the ACL user may not run PEXPIRETIME, which the limiter needs: add +pexpiretime to its rules",
        "+evalsha,     the ACL user may not run EVALSHA, which the limiter needs: add +evalsha to its rules",
        "+script|load, the ACL user may not run SCRIPT|LOAD, which the limiter needs: add +script|load to its rules",
        "+set,         the ACL user may not run SET, which the limiter needs: add +set to its rules",
        "+time,        the ACL user may not run TIME, which the limiter needs: add +time to its rules",
        "+get,         the ACL user may not run GET, which the limiter needs: add +get to its rules",
        "+pexpireat,   the ACL user may not run PEXPIREAT, which the limiter needs: add +pexpireat to its rules",
    })
    void anAclUserWithoutACommandOfTheScriptIsDownWithOneErrorNamingIt(String permission, String cause) {
        try (RedisServer redis = RedisServer.start()) {
            List<String> rules = new ArrayList<>(LEAST_PRIVILEGE);
            rules.remove(permission);
            rules.add(">limiter-pw");
            try (Jedis admin = redis.admin()) {
                admin.aclSetUser("limiter", rules.toArray(String[]::new));
            }
            try (RedisRateLimiter limiter = TestLimiters.limiter(redis, "limiter.redis.user", "limiter",
                    "limiter.redis.password", "limiter-pw", "limiter.on-failure", "closed",
                    "limiter.policy.api.limits", "5/1m")) {
                List<String> errors = logs.at(Level.SEVERE);
                assertEquals(1, errors.size(), logs.all());
                assertTrue(errors.get(0).contains(cause), errors.get(0));

                RedisReadiness readiness = limiter.readiness();
                assertEquals("script-failed", readiness.reason());
                assertFalse(readiness.up());
                assertThrows(RateLimiterUnavailableException.class, () -> {
                    for (int i = 0; i < 3; i++) {
                        limiter.tryAcquire("api", "alice"); // GET and PEXPIREAT run from the second call on
                    }
                }, "and indeed decisions fail");
            }
        }
    }

    @Test
    void anAclUserThatMayNotReachOnePolicysKeysIsDownWithOneErrorNamingTheKey() {
        try (RedisServer redis = RedisServer.start()) {
            List<String> rules = new ArrayList<>(LEAST_PRIVILEGE);
            rules.remove("~rate_limit:*");
            rules.addAll(List.of("~" + BucketKeys.readinessKey("rate_limit:"), "~rate_limit:api:*", ">limiter-pw"));
            try (Jedis admin = redis.admin()) {
                admin.aclSetUser("limiter", rules.toArray(String[]::new));
            }
            try (RedisRateLimiter limiter = TestLimiters.limiter(redis, "limiter.redis.user", "limiter",
                    "limiter.redis.password", "limiter-pw", "limiter.policy.api.limits", "5/1m",
                    "limiter.policy.login.limits", "5/1m", "limiter.on-failure", "closed")) {
                List<String> errors = logs.at(Level.SEVERE);
                assertEquals(1, errors.size(), logs.all());
                assertTrue(errors.get(0).contains("the ACL user may not run PEXPIRETIME on rate_limit:login:x:"
                        + " add ~rate_limit:* to its rules"), errors.get(0));
                assertEquals("script-failed", limiter.readiness().reason());
                assertTrue(limiter.tryAcquire("api", "alice").allowed());
                assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("login", "alice"));
            }
        }
    }

    @Test
    void withAConcurrencyLimitTheUserNeedsTheSortedSetCommandsAndTheLeaseKeys() {
        try (RedisServer redis = RedisServer.start()) {
            List<String> rules = new ArrayList<>(LEAST_PRIVILEGE);
            rules.add(">limiter-pw");
            try (Jedis admin = redis.admin()) {
                admin.aclSetUser("limiter", rules.toArray(String[]::new));
            }
            String[] properties = {"limiter.redis.user", "limiter", "limiter.redis.password", "limiter-pw",
                "limiter.policy.api.limits", "5/1m", "limiter.policy.conc.concurrency", "2"};
            try (RedisRateLimiter limiter = TestLimiters.limiter(redis, properties)) {
                assertTrue(logs.at(Level.SEVERE).get(0).contains("the ACL user may not run ZCOUNT, which the limiter needs"),
                        logs.all());
                assertFalse(limiter.readiness().up());
            }
            logs.clear();
            rules.addAll(List.of("+zcount", "+zremrangebyscore", "+zrem", "+zcard", "+zrange", "+zadd"));
            try (Jedis admin = redis.admin()) {
                admin.aclSetUser("limiter", rules.toArray(String[]::new));
            }
            try (RedisRateLimiter limiter = TestLimiters.limiter(redis, properties)) {
                assertTrue(logs.at(Level.SEVERE).get(0).contains("the ACL user may not run ZCOUNT on {rate_limit:conc:x}:leases:"
                        + " add ~{rate_limit:* to its rules"), logs.all());
            }
            logs.clear();
            rules.add("~{rate_limit:*");
            try (Jedis admin = redis.admin()) {
                admin.aclSetUser("limiter", rules.toArray(String[]::new));
            }
            try (RedisRateLimiter limiter = TestLimiters.limiter(redis, properties)) {
                assertTrue(limiter.readiness().up(), logs.all());
                Decision held = limiter.tryAcquire("conc", "alice");
                assertTrue(held.holdsSlot());
                limiter.release(held);
                assertEquals(List.of(), logs.at(Level.SEVERE));
            }
        }
    }

    @Test
    void aUserThatMayNotLoadTheScriptIsReportedEvenWhileRedisHasItCached() {
        try (RedisServer redis = RedisServer.start()) {
            List<String> rules = new ArrayList<>(LEAST_PRIVILEGE);
            rules.remove("+script|load");
            rules.add(">limiter-pw");
            try (Jedis admin = redis.admin()) {
                admin.aclSetUser("limiter", rules.toArray(String[]::new));
                admin.scriptLoad(io.jakartaredis.limiter.redis.LuaScript.fromResource(
                        "/io/jakartaredis/limiter/redis/token_bucket.lua").source());
            }
            try (RedisRateLimiter limiter = TestLimiters.limiter(redis, "limiter.redis.user", "limiter",
                    "limiter.redis.password", "limiter-pw", "limiter.policy.api.limits", "5/1m")) {
                List<String> errors = logs.at(Level.SEVERE);
                assertEquals(1, errors.size(), logs.all());
                assertTrue(errors.get(0).contains("Redis refuses to load the token-bucket script, so every decision fails"
                        + " once its script cache is emptied (restart, failover, SCRIPT FLUSH): the ACL user may not run"
                        + " SCRIPT|LOAD"), errors.get(0));
                assertTrue(limiter.readiness().up(), "the cached script runs");
                assertTrue(limiter.tryAcquire("api", "alice").allowed());
            }
        }
    }

    @Test
    void anOutOfMemoryRedisWithNoevictionIsDownWithOneError() {
        try (RedisServer redis = RedisServer.start("--maxmemory", "1", "--maxmemory-policy", "noeviction");
             RedisRateLimiter limiter = TestLimiters.limiter(redis, "limiter.policy.api.limits", "5/1m")) {
            List<String> errors = logs.at(Level.SEVERE);
            assertEquals(1, errors.size(), logs.all());
            assertTrue(errors.get(0).contains("Redis is out of memory and refuses writes (maxmemory reached with"
                    + " maxmemory-policy noeviction)"), errors.get(0));
            assertEquals("script-failed", limiter.readiness().reason());
        }
    }

    @Test
    void aHealthyRedisIsUpAndTheCheckTakesNothingAndLeavesNoKey() {
        RecordingListener listener = new RecordingListener();
        try (RedisServer redis = RedisServer.start();
             RedisRateLimiter limiter = RedisRateLimiter.connect(TestLimiters.config(redis,
                     "limiter.policy.api.limits", "5/1h"), listener)) {
            assertEquals(4, limiter.tryAcquire("api", "alice").remaining());
            for (int i = 0; i < 50; i++) {
                RedisReadiness readiness = limiter.readiness();
                assertTrue(readiness.up(), String.valueOf(readiness.reason()));
            }
            assertEquals(3, limiter.tryAcquire("api", "alice").remaining(), "the checks took nothing from a bucket");
            assertEquals(List.of("allowed alice", "allowed alice"), listener.heard, "the checks count in no statistics");
            try (Jedis admin = redis.admin()) {
                assertEquals(Set.of("rate_limit:api:alice"), admin.keys("*"), "the check's bucket expired");
            }
            assertEquals(List.of(), logs.at(Level.SEVERE));
            assertEquals(List.of(), logs.at(Level.WARNING));
        }
    }

    @Test
    void aScriptFailureFoundOnlyAfterStartupIsOneErrorToo() {
        int port = RedisServer.freePort();
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(LimiterConfigReader.read(ConfigValues.of(Map.of(
                "limiter.redis.url", "redis://127.0.0.1:" + port, "limiter.policy.api.limits", "5/1m"))))) {
            assertEquals(List.of(), logs.at(Level.SEVERE));
            try (RedisServer redis = RedisServer.start(port, List.of("--maxmemory", "1", "--maxmemory-policy", "noeviction"))) {
                for (int i = 0; i < 3; i++) {
                    assertEquals("script-failed", limiter.readiness().reason());
                }
                List<String> errors = logs.at(Level.SEVERE);
                assertEquals(1, errors.size(), logs.all());
                assertTrue(errors.get(0).contains("Redis is out of memory"), errors.get(0));
            }
        }
    }

    @Test
    void anUnreachableRedisAtStartupDeploysWithOneWarningAndNoError() {
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(LimiterConfigReader.read(ConfigValues.of(Map.of(
                "limiter.redis.url", "redis://127.0.0.1:" + RedisServer.freePort(), "limiter.policy.api.limits", "5/1m"))))) {
            assertEquals(List.of(), logs.at(Level.SEVERE));
            assertEquals(1, logs.at(Level.WARNING).size(), logs.all());
            assertEquals("unreachable", limiter.readiness().reason());
            assertTrue(limiter.tryAcquire("api", "alice").allowed(), "the open failure policy decides");
        }
    }
}
