package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.resilience.CircuitBreaker;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** An ACL user without +evalsha_ro (the README's least privilege): peeks answer through EVALSHA, the circuit stays closed. */
class PeekWithoutEvalshaRoTest {

    private static final String ADMIN_PASSWORD = "admin-pw-for-tests";
    private static final String USER = "limiter";
    private static final String PASSWORD = "limiter-pw-for-tests";

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension("--requirepass", ADMIN_PASSWORD);

    @Test
    void peeksRefusedEvalshaRoNeitherFailNorOpenTheCircuit() {
        List<String> rules = new ArrayList<>(AclUserTest.LEAST_PRIVILEGE);
        rules.add(">" + PASSWORD);
        try (Jedis admin = REDIS.server().admin()) {
            admin.aclDelUser(USER);
            admin.aclSetUser(USER, rules.toArray(String[]::new));
        }
        try (RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.url", REDIS.server().url(),
                "limiter.redis.user", USER, "limiter.redis.password", PASSWORD, "limiter.key-prefix", "rate_limit:",
                "limiter.policy.login.limits", "5/1m", "limiter.policy.login.on-failure", "open")) {
            assertEquals(4, limiter.tryAcquire("login", "alice").remaining());
            for (int i = 0; i < 20; i++) {
                assertEquals(4, limiter.peek("login", "alice").remaining(), "peek " + i + " read the bucket in Redis");
            }
            assertEquals(CircuitBreaker.State.CLOSED, limiter.circuitState());
            assertEquals(3, limiter.tryAcquire("login", "alice").remaining(), "decided in Redis");
        }
    }
}
