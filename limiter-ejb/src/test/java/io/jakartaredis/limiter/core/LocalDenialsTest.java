package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.redis.LuaScript;
import io.jakartaredis.limiter.redis.ScriptExecutor;

/** {@link RedisRateLimiter} with its deny cache over a Redis that answers from a script, on a fake clock. */
class LocalDenialsTest {

    private static final long MS = 1_000_000L;

    /** Answers each EVALSHA with the next reply, counting the calls. */
    private static final class ScriptedRedis implements ScriptExecutor {
        final List<List<Long>> replies = new ArrayList<>();
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
            return replies.get(calls++);
        }

        @Override
        public void close() {
        }
    }

    /** The script's reply {allowed, remaining, retry_after_ms, reset_ms, limit, limit_index, free_slots}: no concurrency limit. */
    private static List<Long> reply(long allowed, long retryAfterMillis) {
        return List.of(allowed, 0L, retryAfterMillis, 60_000L, 4L, 1L, -1L);
    }

    private final ScriptedRedis redis = new ScriptedRedis();
    private final RecordingListener listener = new RecordingListener();
    private final List<String> heard = listener.heard;
    private long nanos = 1_000 * MS;

    private RedisRateLimiter limiter(String... properties) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("limiter.policy.api.limits", "4/1m"));
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return new RedisRateLimiter(LimiterConfigReader.read(ConfigValues.of(values)), redis, listener, () -> nanos);
    }

    @Test
    void aRejectedClientIsRejectedLocallyCountedAsRejectedWithoutAskingRedis() {
        RedisRateLimiter limiter = limiter();
        redis.replies.add(reply(0, 15_000));

        limiter.tryAcquire("api", "ip:1");
        nanos += 5_000 * MS;
        Decision local = limiter.tryAcquire("api", "ip:1");

        assertEquals(1, redis.calls);
        assertFalse(local.allowed());
        assertEquals(10_000, local.retryAfterMillis());
        assertEquals(List.of("rejected ip:1", "rejected ip:1 by the deny cache"), heard);
        assertEquals(1, limiter.localDenials());
    }

    @Test
    void otherClientsAndSmallerCostsStillAskRedis() {
        RedisRateLimiter limiter = limiter();
        redis.replies.addAll(List.of(reply(0, 15_000), reply(1, 0), reply(1, 0)));

        limiter.tryAcquire("api", "ip:1", 2);
        limiter.tryAcquire("api", "ip:2", 2);
        limiter.tryAcquire("api", "ip:1", 1);

        assertEquals(3, redis.calls);
        assertEquals(0, limiter.localDenials());
    }

    @Test
    void afterTheRetryAfterRedisIsAskedAgain() {
        RedisRateLimiter limiter = limiter();
        redis.replies.addAll(List.of(reply(0, 1_000), reply(1, 0)));

        limiter.tryAcquire("api", "ip:1");
        nanos += 998 * MS;
        Decision decision = limiter.tryAcquire("api", "ip:1");

        assertEquals(2, redis.calls);
        assertEquals(true, decision.allowed());
    }

    @Test
    void disabledAsksRedisForEveryCall() {
        RedisRateLimiter limiter = limiter("limiter.deny-cache.enabled", "false");
        redis.replies.addAll(List.of(reply(0, 15_000), reply(0, 14_000)));

        limiter.tryAcquire("api", "ip:1");
        limiter.tryAcquire("api", "ip:1");

        assertEquals(2, redis.calls);
        assertEquals(0, limiter.localDenials());
    }
}
