package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;
import io.jakartaredis.limiter.testkit.TcpProxy;

/**
 * A slow but alive Redis (every reply 200 ms late, timeout 300 ms): however many round trips a
 * decision needs ({@code AUTH}, {@code PING}, {@code SCRIPT LOAD} after {@code NOSCRIPT}), it waits
 * for Redis at most the timeout in all, then the failure policy decides.
 */
class DecisionDeadlineTest {

    private static final long TIMEOUT_MILLIS = 300;
    private static final Duration REPLY_DELAY = Duration.ofMillis(200);
    private static final String POLICY = "api";

    private RedisServer redis;
    private TcpProxy proxy;

    @AfterEach
    void stop() {
        proxy.close();
        redis.close();
    }

    private RedisRateLimiter slowLimiter(String url) {
        RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.url", url,
                "limiter.redis.timeout", TIMEOUT_MILLIS + "ms", "limiter.redis.pool.max-wait", "25ms",
                "limiter.policy." + POLICY + ".limits", "1000/1h", "limiter.deny-cache.enabled", "false");
        proxy.delayReplies(REPLY_DELAY);
        return limiter;
    }

    private void start(String... redisArgs) {
        redis = RedisServer.start(redisArgs);
        proxy = TcpProxy.to(redis.host(), redis.port());
    }

    @Test
    void aDecisionOnAnIdlePooledConnectionWaitsAtMostTheTimeoutForPingAndScript() throws Exception {
        start();
        try (RedisRateLimiter limiter = slowLimiter(proxy.url())) {
            limiter.tryAcquire(POLICY, "warm");
            Thread.sleep(IdleConnections.CHECK_AFTER.toMillis() + 150); // idle: PING before the script
            assertDecisionFailsWithinTheTimeout(limiter, "idle-pooled-connection");
        }
    }

    @Test
    void aDecisionOnANewConnectionWithAPasswordWaitsAtMostTheTimeoutForAuthAndScript() throws Exception {
        start("--requirepass", "pw");
        try (RedisRateLimiter limiter = slowLimiter("redis://:pw@" + RedisServer.HOST + ":" + proxy.port())) {
            limiter.tryAcquire(POLICY, "warm");
            CompletableFuture<?> busy = CompletableFuture.runAsync(() -> limiter.tryAcquire(POLICY, "busy"));
            Thread.sleep(20); // the pooled connection is busy: this decision opens a new one, AUTH first
            assertDecisionFailsWithinTheTimeout(limiter, "new-connection");
            busy.join();
        }
    }

    @Test
    void aDecisionThatFindsNoScriptWaitsAtMostTheTimeoutForLoadAndScript() throws Exception {
        start();
        try (RedisRateLimiter limiter = slowLimiter(proxy.url())) {
            limiter.tryAcquire(POLICY, "warm");
            try (var admin = redis.admin()) {
                admin.scriptFlush();
            }
            assertDecisionFailsWithinTheTimeout(limiter, "noscript");
        }
    }

    private static void assertDecisionFailsWithinTheTimeout(RedisRateLimiter limiter, String client) {
        long start = System.nanoTime();
        assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire(POLICY, client),
                "two replies 200 ms late do not fit a 300 ms timeout: on-failure=closed refuses");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("slow Redis, %s: decision took %d ms (timeout %d)%n", client, tookMillis, TIMEOUT_MILLIS);
        assertTrue(tookMillis <= TIMEOUT_MILLIS + 50, "decision took " + tookMillis + " ms, timeout " + TIMEOUT_MILLIS);
    }
}
