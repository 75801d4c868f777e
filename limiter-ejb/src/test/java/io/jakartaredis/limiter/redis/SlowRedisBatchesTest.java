package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServer;
import io.jakartaredis.limiter.testkit.TcpProxy;

/**
 * A slow but alive Redis: every reply 200 ms late, the timeout 380 ms (less than two round trips). Each decision alone fits its
 * timeout; 32 threads deciding at once are answered as well with pipelining as without it, whose
 * pool gives each of them a connection of its own.
 */
class SlowRedisBatchesTest {

    private static final int THREADS = 32;
    private static final Duration REPLY_DELAY = Duration.ofMillis(200);

    private RedisServer redis;
    private TcpProxy proxy;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        proxy = TcpProxy.to(redis.host(), redis.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        redis.close();
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void concurrentDecisionsThatEachFitTheTimeoutAreAllAnswered(boolean pipelining) throws Exception {
        try (RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.url", proxy.url(),
                "limiter.redis.timeout", "380ms", "limiter.redis.pipelining", Boolean.toString(pipelining),
                "limiter.redis.pool.max-total", Integer.toString(THREADS), "limiter.deny-cache.enabled", "false",
                "limiter.circuit.failure-threshold", "100000", "limiter.policy.api.limits", "1000000/366d")) {
            for (int t = 0; t < THREADS; t++) { // a connection per thread, each answered just now: no PING first
                limiter.tryAcquire("api", "warm-" + t);
            }
            proxy.delayReplies(REPLY_DELAY);
            List<String> refused = TopologyLimiters.refusedAtOnce(limiter, THREADS, 1);
            System.out.printf("Redis replying %d ms late, timeout 380 ms, pipelining=%s: %d of %d concurrent decisions "
                    + "refused%n", REPLY_DELAY.toMillis(), pipelining, refused.size(), THREADS);
            assertEquals(List.of(), refused.subList(0, Math.min(3, refused.size())), refused.size() + " refused");
        }
    }
}
