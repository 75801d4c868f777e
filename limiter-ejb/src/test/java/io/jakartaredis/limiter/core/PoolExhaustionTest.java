package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.redis.LuaScript;
import io.jakartaredis.limiter.redis.ScriptExecutor;
import io.jakartaredis.limiter.redis.SecretScrubber;
import io.jakartaredis.limiter.resilience.CircuitBreaker.State;
import redis.clients.jedis.exceptions.JedisException;

/** A pool that has no connection free in time did not ask Redis: it never opens the circuit. */
class PoolExhaustionTest {

    /** Every call finds the pool exhausted, as Jedis reports it and JedisScriptExecutor passes it on: scrubbed. */
    private static final class ExhaustedPool implements ScriptExecutor {
        @Override
        public void load(LuaScript script) {
        }

        @Override
        public Object runReadOnly(LuaScript script, List<String> keys, List<String> args) {
            return run(script, keys, args);
        }

        @Override
        public Object run(LuaScript script, List<String> keys, List<String> args) {
            throw new RateLimiterUnavailableException("EVALSHA token_bucket.lua failed on localhost:6379/0",
                    SecretScrubber.NONE.scrub(new JedisException("Could not get a resource from the pool",
                            new NoSuchElementException("Timeout waiting for idle object, borrowMaxWaitDuration=PT0.025S"))));
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anExhaustedPoolNeverOpensTheCircuit() {
        var config = LimiterConfigReader.read(ConfigValues.of(Map.of("limiter.policy.api.limits", "4/1m",
                "limiter.on-failure", "open", "limiter.circuit.failure-threshold", "3")));
        RedisRateLimiter limiter = new RedisRateLimiter(config, new ExhaustedPool(), DecisionListener.NONE, System::nanoTime);
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.tryAcquire("api", "ip:1").allowed(), "on-failure=open admits");
        }
        assertEquals(State.CLOSED, limiter.circuitState(), "ten exhausted borrows are no Redis failure");
    }
}
