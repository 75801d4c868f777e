package io.jakartaredis.limiter.redis;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.testkit.RedisServer;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * {@code token_bucket.lua} on an explicit timeline against a real Redis: one bucket key, times in
 * ms after {@link #T0}, limits written as in configuration ({@code "100/1m, 1000/1h"}). A JUnit
 * extension: each test gets its own client of the class's Redis, closed after it.
 */
final class ScriptTimeline implements BeforeEachCallback, AfterEachCallback {

    /** 2100-01-01, a whole number of hours: the script sets absolute expiry times (PXAT) ahead of Redis' own clock. */
    static final long T0 = 4_102_444_800_000L;
    static final String KEY = "rate_limit:test:client";

    private final RedisServerExtension server;
    private RedisServer redis;
    private ScriptExecutor executor;
    private TokenBucketScript script;

    /** @param server the test class's Redis, registered before this extension */
    ScriptTimeline(RedisServerExtension server) {
        this.server = server;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        redis = server.server();
        executor = RedisClients.executor(TestLimiters.config(redis).redis());
        script = new TokenBucketScript(executor);
    }

    /** The script over this test's own client, for tests with a key or timeline of their own. */
    TokenBucketScript script() {
        return script;
    }

    /** One call of {@code cost} at {@code T0 + atMillis} under {@code limits}. */
    BucketReply take(long atMillis, int cost, String limits) {
        return script.takeAt(KEY, cost, T0 + atMillis, args(limits));
    }

    /**
     * One call of {@code cost} at {@code T0 + atMillis} under the limits of a tier, the limits of
     * the policy's other tiers passed as siblings (written as {@code limits}, "" for none).
     */
    BucketReply takeInTier(long atMillis, int cost, String limits, String siblings) {
        return script.takeAt(KEY, cost, T0 + atMillis, tierArgs(limits, siblings));
    }

    /** How many of {@code calls} calls of cost 1 at {@code T0 + atMillis} a tier admits ({@link #takeInTier}). */
    int admittedInTier(long atMillis, int calls, String limits, String siblings) {
        int admitted = 0;
        for (int i = 0; i < calls; i++) {
            admitted += takeInTier(atMillis, 1, limits, siblings).allowed() ? 1 : 0;
        }
        return admitted;
    }

    /** Gives {@code cost} back at {@code T0 + atMillis} under a tier's limits ({@link #takeInTier}). */
    BucketReply refundInTier(long atMillis, int cost, String limits, String siblings) {
        return script.refundAt(KEY, cost, T0 + atMillis, tierArgs(limits, siblings));
    }

    static List<String> tierArgs(String limits, String siblings) {
        var own = LimiterConfigReader.parseLimits("test", limits);
        var others = siblings.isEmpty() ? List.<io.jakartaredis.limiter.config.Limit>of() : LimiterConfigReader.parseLimits("test", siblings);
        return TokenBucketScript.limitArgs(own, TokenBucketScript.siblingArgument(own, others), T0);
    }

    /** What a take of {@code cost} at {@code T0 + atMillis} would answer, read-only. */
    BucketReply peek(long atMillis, int cost, String limits) {
        return script.peekAt(KEY, cost, T0 + atMillis, args(limits));
    }

    /** Gives {@code cost} back at {@code T0 + atMillis}. */
    BucketReply refund(long atMillis, int cost, String limits) {
        return script.refundAt(KEY, cost, T0 + atMillis, args(limits));
    }

    /** Takes {@code cost} at {@code T0 + atMillis} if it is covered within {@code maxWaitMillis}. */
    BucketReply reserve(long atMillis, int cost, long maxWaitMillis, String limits) {
        return script.reserveAt(KEY, cost, maxWaitMillis, T0 + atMillis, args(limits));
    }

    /** The stored value and its expiry (ms after T0, or -2 / -1), to compare before and after. */
    String state() {
        return value() + " @" + expiresAt();
    }

    /** How many of {@code calls} calls of cost 1, all at {@code T0 + atMillis}, are admitted. */
    int admitted(long atMillis, int calls, String limits) {
        int admitted = 0;
        for (int i = 0; i < calls; i++) {
            admitted += take(atMillis, 1, limits).allowed() ? 1 : 0;
        }
        return admitted;
    }

    static List<String> args(String limits) {
        return TokenBucketScript.limitArgs(LimiterConfigReader.parseLimits("test", limits));
    }

    /** The stored value, or null. */
    String value() {
        try (Jedis jedis = redis.admin()) {
            return jedis.get(KEY);
        }
    }

    /** Stores a value as another writer might have: expiring at {@code T0 + expiresAtMillis}, or never when null. */
    void store(String value, Long expiresAtMillis) {
        try (Jedis jedis = redis.admin()) {
            jedis.set(KEY, value, expiresAtMillis == null ? SetParams.setParams() : SetParams.setParams().pxAt(T0 + expiresAtMillis));
        }
    }

    /** The key's expiry in ms after {@link #T0}, or Redis' -2 (missing) / -1 (no expiry) unchanged. */
    long expiresAt() {
        try (Jedis jedis = redis.admin()) {
            long at = jedis.pexpireTime(KEY);
            return at < 0 ? at : at - T0;
        }
    }

    /** Removes the bucket. */
    void reset() {
        try (Jedis jedis = redis.admin()) {
            jedis.del(KEY);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        executor.close();
    }
}
