package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.redis.LuaScript;
import io.jakartaredis.limiter.redis.ScriptExecutor;

/** close() on an interrupted thread: the executor closes with the flag clear (its own waits are bounded), then it is restored. */
class CloseInterruptedTest {

    @AfterEach
    void clearFlag() {
        Thread.interrupted();
    }

    @Test
    void theExecutorClosesUninterruptedAndTheFlagIsRestoredAfter() {
        List<Boolean> interruptedAtClose = new ArrayList<>();
        DeadRedis dead = new DeadRedis();
        ScriptExecutor executor = new ScriptExecutor() {
            @Override
            public void load(LuaScript script) {
                dead.load(script);
            }

            @Override
            public Object run(LuaScript script, List<String> keys, List<String> args) {
                return dead.run(script, keys, args);
            }

            @Override
            public Object runReadOnly(LuaScript script, List<String> keys, List<String> args) {
                return dead.runReadOnly(script, keys, args);
            }

            @Override
            public void close() {
                interruptedAtClose.add(Thread.currentThread().isInterrupted());
            }
        };
        var config = LimiterConfigReader.read(ConfigValues.of(Map.of("limiter.policy.api.limits", "4/1m")));
        RedisRateLimiter limiter = new RedisRateLimiter(config, executor, DecisionListener.NONE, System::nanoTime);
        Thread.currentThread().interrupt();
        limiter.close();
        assertEquals(List.of(false), interruptedAtClose, "the executor closed once, with the flag clear");
        assertTrue(Thread.currentThread().isInterrupted(), "the caller's flag is restored");
    }
}
