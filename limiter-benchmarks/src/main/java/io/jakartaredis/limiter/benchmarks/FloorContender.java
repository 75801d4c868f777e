package io.jakartaredis.limiter.benchmarks;

import java.util.List;

import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.redis.BatchSizes;
import io.jakartaredis.limiter.redis.LuaScript;
import io.jakartaredis.limiter.redis.RedisClients;
import io.jakartaredis.limiter.redis.ScriptExecutor;

/**
 * The floor: one {@code EVALSHA} of {@code return 1} through the limiter's own executor and pool,
 * with the same KEYS and ARGV shape as a decision. Nothing a limiter does can be cheaper: unpipelined,
 * one {@code EVALSHA} per pooled round trip; pipelined, through the same batching as the limiter's.
 */
final class FloorContender implements Contender {

    static final LuaScript RETURN_ONE = LuaScript.fromResource("/io/jakartaredis/limiter/benchmarks/return_one.lua");

    private final ScriptExecutor executor;
    private final String keyPrefix;
    private final List<String> args;

    FloorContender(LimiterConfig config, ClientKeys keys) {
        this.executor = RedisClients.executor(config.redis());
        this.keyPrefix = config.keyPrefix() + "floor:";
        this.args = List.of("1", "", Long.toString(BenchmarkRedis.capacity(keys)), Long.toString(BenchmarkRedis.WINDOW.toMillis()));
        executor.load(RETURN_ONE);
    }

    @Override
    public boolean decide(String clientKey) {
        return ((Number) executor.run(RETURN_ONE, List.of(keyPrefix + clientKey), args)).longValue() == 1;
    }

    @Override
    public BatchSizes batchSizes() {
        return executor.batchSizes();
    }

    @Override
    public void close() {
        executor.close();
    }
}
