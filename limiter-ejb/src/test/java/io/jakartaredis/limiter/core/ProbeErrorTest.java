package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.redis.LuaScript;
import io.jakartaredis.limiter.redis.ScriptExecutor;
import io.jakartaredis.limiter.resilience.CircuitBreaker.State;

/** A probe that throws an {@link Error} must still release the circuit breaker, on a fake clock. */
class ProbeErrorTest {

    private static final long COOL_DOWN_NANOS = 250_000_000L;

    /** Answers each EVALSHA as the current behaviour says. */
    private static final class SwitchableRedis implements ScriptExecutor {
        Supplier<Object> behaviour;
        int calls;

        @Override
        public void load(LuaScript script) {
        }

        @Override
        public Object runReadOnly(LuaScript script, List<String> keys, List<String> args) {
            return run(script, keys, args);
        }

        @Override
        public Object run(LuaScript script, List<String> keys, List<String> args) {
            calls++;
            return behaviour.get();
        }

        @Override
        public void close() {
        }
    }

    private static Object down() {
        throw new RateLimiterUnavailableException("EVALSHA failed: Connection refused", null);
    }

    private static Object linkageError() {
        throw new NoClassDefFoundError("redis/clients/jedis/SomethingMissing");
    }

    private static Object allowed() {
        return List.of(1L, 3L, 0L, 60_000L, 4L, 1L, -1L);
    }

    private final SwitchableRedis redis = new SwitchableRedis();
    private long nanos;

    private RedisRateLimiter limiter() {
        var config = LimiterConfigReader.read(ConfigValues.of(Map.of("limiter.policy.api.limits", "4/1m",
                "limiter.on-failure", "open", "limiter.circuit.failure-threshold", "3",
                "limiter.circuit.cool-down", "250ms")));
        return new RedisRateLimiter(config, redis, DecisionListener.NONE, () -> nanos);
    }

    @Test
    void aProbeThatThrowsAnErrorReopensTheCircuitAndAHealthyProbeClosesIt() {
        RedisRateLimiter limiter = limiter();
        redis.behaviour = ProbeErrorTest::down;
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("api", "ip:1");
        }
        assertEquals(State.OPEN, limiter.circuitState());

        nanos += COOL_DOWN_NANOS;
        redis.behaviour = ProbeErrorTest::linkageError;
        assertThrows(NoClassDefFoundError.class, () -> limiter.tryAcquire("api", "ip:1"), "an Error is not hidden");
        assertEquals(State.OPEN, limiter.circuitState(), "the failed probe opened the circuit again, not HALF_OPEN");

        redis.behaviour = ProbeErrorTest::allowed;
        int callsBefore = redis.calls;
        limiter.tryAcquire("api", "ip:1");
        assertEquals(callsBefore, redis.calls, "a new cool-down counts from the failed probe");

        nanos += COOL_DOWN_NANOS;
        assertTrue(limiter.tryAcquire("api", "ip:1").allowed());
        assertEquals(callsBefore + 1, redis.calls, "the next probe reached Redis");
        assertEquals(State.CLOSED, limiter.circuitState());
        limiter.tryAcquire("api", "ip:1");
        assertEquals(callsBefore + 2, redis.calls, "decisions go to Redis again");
    }

    @Test
    void errorsCountAsFailuresWhileTheCircuitIsClosed() {
        RedisRateLimiter limiter = limiter();
        redis.behaviour = ProbeErrorTest::linkageError;
        for (int i = 0; i < 3; i++) {
            assertThrows(NoClassDefFoundError.class, () -> limiter.tryAcquire("api", "ip:1"));
        }
        assertEquals(State.OPEN, limiter.circuitState());
    }
}
