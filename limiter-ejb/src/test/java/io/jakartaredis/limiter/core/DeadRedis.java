package io.jakartaredis.limiter.core;

import java.util.List;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.redis.LuaScript;
import io.jakartaredis.limiter.redis.ScriptExecutor;

/** A Redis that is down, counting how often it was asked. */
final class DeadRedis implements ScriptExecutor {

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
