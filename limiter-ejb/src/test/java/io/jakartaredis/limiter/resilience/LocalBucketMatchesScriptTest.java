package io.jakartaredis.limiter.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.redis.BucketReply;
import io.jakartaredis.limiter.redis.RedisClients;
import io.jakartaredis.limiter.redis.ScriptExecutor;
import io.jakartaredis.limiter.redis.TokenBucketScript;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/** The local bucket answers exactly what {@code token_bucket.lua} answers, call by call, on random timelines. */
class LocalBucketMatchesScriptTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** 2100-01-01: the script sets absolute expiry times (PXAT), which must lie ahead of Redis' own clock. */
    private static final long T0 = 4_102_444_800_000L;

    private ScriptExecutor executor;
    private TokenBucketScript script;

    @BeforeEach
    void connect() {
        executor = RedisClients.executor(TestLimiters.config(REDIS.server()).redis());
        script = new TokenBucketScript(executor);
    }

    @AfterEach
    void close() {
        executor.close();
    }

    @RepeatedTest(10)
    void everyReplyEqualsTheScriptsOnARandomTimeline(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        assertSameReplies(random, "two:" + repetition.getCurrentRepetition(), List.of(
                new Limit(1 + random.nextInt(20), Duration.ofMillis(1 + random.nextInt(5_000))),
                new Limit(20 + random.nextInt(200), Duration.ofMillis(5_000 + random.nextInt(60_000)))));
    }

    /** The script has a path of its own for one limit. */
    @RepeatedTest(10)
    void everyReplyOfAOneLimitPolicyEqualsTheScriptsOnARandomTimeline(RepetitionInfo repetition) {
        Random random = new Random(100 + repetition.getCurrentRepetition());
        assertSameReplies(random, "one:" + repetition.getCurrentRepetition(),
                List.of(new Limit(1 + random.nextInt(20), Duration.ofMillis(1 + random.nextInt(5_000)))));
    }

    private void assertSameReplies(Random random, String key, List<Limit> limits) {
        long[] capacity = limits.stream().mapToLong(Limit::tokens).toArray();
        long[] window = limits.stream().mapToLong(Limit::windowMillis).toArray();
        List<String> args = TokenBucketScript.limitArgs(limits);
        LocalTokenBucket local = new LocalTokenBucket(limits.size());
        long now = T0;
        for (int call = 0; call < 2_000; call++) {
            now += random.nextInt(10) == 0 ? random.nextInt(3_000) : random.nextInt(40);
            if (random.nextInt(50) == 0) {
                now -= random.nextInt(500); // a clock stepping back
            }
            int cost = 1 + random.nextInt((int) Math.min(3, capacity[0]));
            assertEquals(script.peekAt(key, cost, now, args), local.take(now, cost, capacity, window, true),
                    "peek before call " + call + " at " + (now - T0));
            BucketReply expected = script.takeAt(key, cost, now, args);
            assertEquals(expected, local.take(now, cost, capacity, window, false), "call " + call + " at " + (now - T0));
        }
    }
}
