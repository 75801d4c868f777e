package io.jakartaredis.limiter.redis;

import java.util.List;

import io.jakartaredis.limiter.RateLimiterUnavailableException;

/**
 * The one port to Redis: load and run scripts. Implementations survive a lost script cache
 * (restart, {@code SCRIPT FLUSH}, failover) by loading the script again and retrying once.
 */
public interface ScriptExecutor extends AutoCloseable {

    /**
     * Loads the script with {@code SCRIPT LOAD} (on every master of a cluster).
     *
     * @throws RateLimiterUnavailableException when Redis cannot be reached
     */
    void load(LuaScript script);

    /**
     * Runs the script by SHA in one round trip ({@code EVALSHA}); on {@code NOSCRIPT} loads it and retries once.
     *
     * @return the script's reply as Redis sent it: {@code Long}, {@code List}, …
     * @throws RateLimiterUnavailableException when Redis cannot be reached or answers with an error
     */
    Object run(LuaScript script, List<String> keys, List<String> args);

    /**
     * As {@link #run}, with {@code EVALSHA_RO} (Redis 7.0+): Redis refuses any write command of the
     * script, so that a read-only script runs on a read-only replica too.
     */
    Object runReadOnly(LuaScript script, List<String> keys, List<String> args);

    /**
     * How many commands each pipelined write carried; nothing is counted where commands are sent
     * one per round trip ({@code limiter.redis.pipelining=false}).
     */
    default BatchSizes batchSizes() {
        return NO_BATCHES;
    }

    /** Counts nothing: for executors that never pipeline. */
    BatchSizes NO_BATCHES = new BatchSizes();

    /** Closes every pooled connection. */
    @Override
    void close();
}
