package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.redis.LuaScript;
import io.jakartaredis.limiter.redis.ScriptExecutor;

/** The failure policies and the circuit breaker over a Redis that always fails, on a fake clock. */
class FailurePolicyTest {

    /** A Redis that is down, counting how often it was asked. */
    private static final class DeadRedis implements ScriptExecutor {
        int calls;

        @Override
        public void load(LuaScript script) {
            throw new RateLimiterUnavailableException("down", null);
        }

        @Override
        public Object runReadOnly(LuaScript script, List<String> keys, List<String> args) {
            return run(script, keys, args);
        }

        @Override
        public Object run(LuaScript script, List<String> keys, List<String> args) {
            calls++;
            throw new RateLimiterUnavailableException("EVALSHA failed on redis:6379: Connection refused", null);
        }

        @Override
        public void close() {
        }
    }

    private final DeadRedis redis = new DeadRedis();
    private long nanos;
    private final RecordingListener listener = new RecordingListener();
    private final List<String> heard = listener.heard;

    private RedisRateLimiter limiter(String onFailure) {
        var config = LimiterConfigReader.read(ConfigValues.of(Map.of("limiter.policy.api.limits", "4/1m",
                "limiter.on-failure", onFailure, "limiter.local.nodes", "2", "limiter.circuit.failure-threshold", "3")));
        return new RedisRateLimiter(config, redis, listener, () -> nanos);
    }

    @Test
    void openAdmitsAsAFullBucketWould() {
        Decision decision = limiter("open").tryAcquire("api", "ip:1");
        assertTrue(decision.allowed());
        assertEquals(3, decision.remaining());
        assertEquals(List.of("allowed ip:1 without Redis"), heard);
    }

    @Test
    void closedRefusesNamingThePolicy() {
        var refused = assertThrows(RateLimiterUnavailableException.class, () -> limiter("closed").tryAcquire("api", "ip:1"));
        assertTrue(refused.getMessage().startsWith("policy 'api' refuses calls while Redis cannot decide"), refused.getMessage());
        assertEquals(List.of("refused api"), heard);
    }

    @Test
    void localLimitsWithTheCapacityDividedByTheNodes() {
        RedisRateLimiter limiter = limiter("local");
        for (int i = 0; i < 2; i++) {
            assertTrue(limiter.tryAcquire("api", "ip:1").allowed());
        }
        Decision rejected = limiter.tryAcquire("api", "ip:1");
        assertFalse(rejected.allowed());
        assertEquals(30_000, rejected.retryAfterMillis(), "2 tokens per minute locally");
        assertEquals("rejected ip:1 without Redis", heard.get(2));
    }

    @Test
    void theOpenCircuitStopsAskingRedisUntilTheCoolDownEnds() {
        RedisRateLimiter limiter = limiter("open");
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("api", "ip:1");
        }
        assertEquals(3, redis.calls, "the threshold's failures, then no more");
        nanos += 250_000_000L;
        limiter.tryAcquire("api", "ip:1");
        limiter.tryAcquire("api", "ip:1");
        assertEquals(4, redis.calls, "one probe after the cool-down");
    }

    @Test
    void anUnknownPolicyOrBadCostFailsBeforeAnyFailurePolicy() {
        RedisRateLimiter limiter = limiter("open");
        assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire("nope", "ip:1"));
        assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire("api", "ip:1", 5));
        assertEquals(0, redis.calls);
    }
}
