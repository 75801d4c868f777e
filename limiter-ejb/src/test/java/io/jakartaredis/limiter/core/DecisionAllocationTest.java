package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.metrics.LimiterMetrics;
import io.jakartaredis.limiter.redis.LuaScript;
import io.jakartaredis.limiter.redis.RedisClients;
import io.jakartaredis.limiter.redis.ScriptExecutor;
import io.jakartaredis.limiter.testkit.RedisServerExtension;

/**
 * What a decision allocates on the client beyond the floor, a bare {@code EVALSHA} of
 * {@code return 1} through the same executor with a decision's KEYS and ARGV shape, both counted
 * by the JVM on this thread in one run against a real Redis. Bytes, unlike time, do not depend on
 * the machine's load.
 */
class DecisionAllocationTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /**
     * Measured at about 470 bytes for this policy of two limits (the longer ARGV and the seven
     * integers of the script's reply as Jedis reads them, the reply and the decision objects);
     * 1,220 before the hot path was trimmed.
     */
    static final long MOST_BYTES_ABOVE_THE_FLOOR = 700;
    private static final int WARM_UP = 30_000;
    private static final int MEASURED = 20_000;
    private static final int CLIENTS = 1_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aDecisionAllocatesLittleMoreThanABareEvalsha() throws NoSuchAlgorithmException {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported(), "this JVM does not count allocated bytes");
        LimiterConfig config = TestLimiters.config(REDIS.server(), "limiter.policy.spread.limits", "100000/1d, 5000000/30d");
        String[] clients = new String[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            clients[i] = "client-" + i;
        }
        String source = "return 1";
        LuaScript returnOne = new LuaScript("return_one", source,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8))));
        LimiterMetrics metrics = new LimiterMetrics(config.policies().values(), () -> "CLOSED");
        try (ScriptExecutor floor = RedisClients.executor(config.redis());
             RedisRateLimiter limiter = RedisRateLimiter.connect(config, metrics)) {
            floor.load(returnOne);
            String prefix = config.keyPrefix() + "floor:";
            List<String> args = List.of("1", "", "100000", "86400000", "5000000", "2592000000");
            IntConsumer bareEvalsha = i -> floor.run(returnOne, List.of(prefix + clients[i % CLIENTS]), args);
            IntConsumer decision = i -> assertTrue(limiter.tryAcquire("spread", clients[i % CLIENTS], 1).allowed());
            bytesPerCall(bareEvalsha, WARM_UP);
            bytesPerCall(decision, WARM_UP);
            long floorBytes = bytesPerCall(bareEvalsha, MEASURED);
            long decisionBytes = bytesPerCall(decision, MEASURED);
            assertTrue(decisionBytes - floorBytes <= MOST_BYTES_ABOVE_THE_FLOOR, "a decision allocated " + decisionBytes
                    + " bytes, a bare EVALSHA " + floorBytes + ": more than " + MOST_BYTES_ABOVE_THE_FLOOR + " above it");
            assertTrue(metrics.stats("spread").getAdmitted() == WARM_UP + MEASURED, "every decision was counted");
        }
    }

    private static long bytesPerCall(IntConsumer call, int calls) {
        long threadId = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < calls; i++) {
            call.accept(i);
        }
        return (THREADS.getThreadAllocatedBytes(threadId) - before) / calls;
    }
}
