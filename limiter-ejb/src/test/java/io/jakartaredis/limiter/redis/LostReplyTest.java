package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;
import io.jakartaredis.limiter.testkit.TcpProxy;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * A connection lost after the script was sent may have run it: the failure policy decides, the
 * script is never sent again. A connection that the server or a proxy closed while it was idle is
 * found out before anything is written to it, and replaced without failing the decision.
 */
class LostReplyTest {

    private static final String POLICY = "api";

    private RedisServer redis;
    private TcpProxy proxy;

    @BeforeEach
    void startRedisBehindAProxy() {
        redis = RedisServer.start();
        proxy = TcpProxy.to(redis.host(), redis.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        redis.close();
    }

    private static RedisRateLimiter limiter(String url) {
        return TopologyLimiters.limiter("limiter.redis.url", url, "limiter.redis.timeout", "300ms",
                "limiter.policy." + POLICY + ".limits", "10/1h", "limiter.deny-cache.enabled", "false");
    }

    @Test
    void aDecisionWhoseReplyIsLostIsDecidedByTheFailurePolicyAndChargedOnce() {
        try (RedisRateLimiter throughProxy = limiter(proxy.url()); RedisRateLimiter direct = limiter(redis.url())) {
            assertEquals(9, throughProxy.tryAcquire(POLICY, "client").remaining());
            proxy.dropReplies(true);
            assertThrows(RateLimiterUnavailableException.class, () -> throughProxy.tryAcquire(POLICY, "client"),
                    "on-failure=closed refuses when the reply was lost");
            proxy.dropReplies(false);
            assertEquals(7, direct.tryAcquire(POLICY, "client").remaining(),
                    "the call whose reply was lost took its token once, this one takes one more");
            assertEquals(6, throughProxy.tryAcquire(POLICY, "client").remaining(), "the proxy forwards again");
        }
    }

    @Test
    void aConnectionThatTheProxyClosedWhileIdleIsReplacedWithoutFailingADecision() throws Exception {
        try (RedisRateLimiter limiter = limiter(proxy.url())) {
            assertEquals(9, limiter.tryAcquire(POLICY, "client").remaining());
            proxy.closeConnections();
            Thread.sleep(IdleConnections.CHECK_AFTER.toMillis() + 100); // idle, as a connection is when a proxy's idle timeout closes it
            assertEquals(8, limiter.tryAcquire(POLICY, "client").remaining());
        }
    }

    @Test
    void aConnectionThatRedisClosedWhileIdleIsReplacedWithoutFailingADecision() throws Exception {
        try (RedisRateLimiter limiter = limiter(redis.url())) {
            assertEquals(9, limiter.tryAcquire(POLICY, "client").remaining());
            try (var admin = redis.admin()) {
                admin.clientKill(ClientKillParams.clientKillParams().type(ClientType.NORMAL).skipMe(ClientKillParams.SkipMe.YES));
            }
            Thread.sleep(IdleConnections.CHECK_AFTER.toMillis() + 100); // idle: checked before the script
            assertEquals(8, limiter.tryAcquire(POLICY, "client").remaining());
        }
    }
}
