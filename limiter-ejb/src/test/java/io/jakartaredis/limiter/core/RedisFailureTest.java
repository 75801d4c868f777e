package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.core.LoadRun.Call;
import io.jakartaredis.limiter.core.LoadRun.Outcome;
import io.jakartaredis.limiter.testkit.RedisServer;

/**
 * Real redis-server processes killed, frozen and restarted under load. Bounds asserted on measured
 * maxima: decisions wait at most the timeout + 50 ms; the failure policy decides during the
 * outage; decisions are back on Redis within 1 s of its return. Calls already in flight when Redis
 * froze get 50 ms more slack ({@link #IN_FLIGHT_BOUND_MILLIS}): they also pay for discarding the
 * dead connection, and a loaded 2-core machine showed them at up to timeout + 73 ms. The
 * replacement connection that commons-pool2 opens on the caller's thread sends nothing before the
 * script (no HELLO), so it cannot block on the frozen server.
 */
class RedisFailureTest {

    private static final long TIMEOUT_MILLIS = 150;
    private static final long BOUND_MILLIS = TIMEOUT_MILLIS + 50;
    private static final long IN_FLIGHT_BOUND_MILLIS = TIMEOUT_MILLIS + 100;
    /** Calls that start this long after Redis failed find the circuit open or their own fresh connection. */
    private static final long SETTLED_NANOS = (TIMEOUT_MILLIS + 50) * 1_000_000;
    private static final int THREADS = 16;
    private static final long LOCAL_CAPACITY = 5; // 10 per key, 2 nodes

    private static LimiterConfig config(RedisServer redis, String onFailure, String... more) {
        Map<String, String> values = new HashMap<>(Map.of(
                "limiter.redis.url", redis.url(),
                "limiter.redis.timeout", TIMEOUT_MILLIS + "ms",
                "limiter.redis.pool.max-total", "8",
                "limiter.policy.api.limits", "10/1h",
                "limiter.policy.api.on-failure", onFailure,
                "limiter.local.nodes", "2",
                // These tests are about calls that reach Redis; remembered rejections would answer many of them locally.
                "limiter.deny-cache.enabled", "false"));
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return LimiterConfigReader.read(ConfigValues.of(values));
    }

    @ParameterizedTest(name = "{0}, on-failure={1}")
    @CsvSource({"kill, open", "kill, closed", "kill, local", "freeze, open", "freeze, closed", "freeze, local"})
    void boundedDecisionsByTheFailurePolicyThenBackOnRedisWithinOneSecond(String outage, String onFailure) throws Exception {
        try (RedisServer redis = RedisServer.start(); LoadRun run = new LoadRun();
             RedisRateLimiter limiter = RedisRateLimiter.connect(config(redis, onFailure), run)) {
            run.start(limiter, "api", THREADS, 4);
            Thread.sleep(300);
            long outageBegins = run.now();
            if (outage.equals("kill")) {
                redis.kill();
            } else {
                redis.freeze();
            }
            // Signalling the process takes a few ms: Redis still answers until here.
            long outageStart = run.now();
            Thread.sleep(1_500);
            long returning = run.now();
            if (outage.equals("kill")) {
                redis.restart();
            } else {
                redis.resume();
            }
            long back = run.now();
            Thread.sleep(1_500);
            List<Call> calls = run.stop();

            long maxMillis = LoadRun.maxLatencyMillis(calls);
            long settledMaxMillis = LoadRun.maxLatencyMillis(calls.stream()
                    .filter(c -> c.startNanos() + c.latencyNanos() < outageBegins || c.startNanos() > outageStart + SETTLED_NANOS)
                    .toList());
            List<Call> during = calls.stream()
                    .filter(c -> c.startNanos() > outageStart + 20_000_000 && c.startNanos() + c.latencyNanos() < returning)
                    .toList();
            Call firstOnRedis = calls.stream().filter(c -> c.startNanos() >= returning && !c.withoutRedis()).findFirst()
                    .orElseThrow(() -> new AssertionError("no decision on Redis after its return"));
            long backAfterMillis = (firstOnRedis.startNanos() + firstOnRedis.latencyNanos() - back) / 1_000_000;
            System.out.printf("%s, on-failure=%s: %d calls, %d during the outage, max latency %d ms (%d ms but for calls "
                    + "caught in flight), on Redis %d ms after its return%n",
                    outage, onFailure, calls.size(), during.size(), maxMillis, settledMaxMillis, backAfterMillis);

            assertTrue(settledMaxMillis <= BOUND_MILLIS, "max decision latency " + settledMaxMillis + " ms, bound " + BOUND_MILLIS);
            assertTrue(maxMillis <= IN_FLIGHT_BOUND_MILLIS, "max latency of calls in flight " + maxMillis + " ms");
            assertTrue(during.size() > 100, "load during the outage: " + during.size());
            assertTrue(during.stream().allMatch(Call::withoutRedis), "every decision during the outage is made without Redis");
            assertPolicyHonoured(onFailure, during);
            assertTrue(backAfterMillis <= 1_000, "back on Redis after " + backAfterMillis + " ms");
            assertTrue(calls.stream().filter(c -> c.startNanos() > back + 1_000_000_000L).noneMatch(Call::withoutRedis),
                    "every decision a second after Redis returned is made by Redis");
        }
    }

    private static void assertPolicyHonoured(String onFailure, List<Call> during) {
        switch (onFailure) {
            case "open" -> assertTrue(during.stream().allMatch(c -> c.outcome() == Outcome.ALLOWED));
            case "closed" -> assertTrue(during.stream().allMatch(c -> c.outcome() == Outcome.REFUSED));
            default -> {
                Map<String, Long> admitted = LoadRun.count(during, c -> c.outcome() == Outcome.ALLOWED);
                assertTrue(admitted.values().stream().allMatch(n -> n <= LOCAL_CAPACITY), "per key: " + admitted);
                assertFalse(admitted.isEmpty(), "local buckets admit");
                assertTrue(during.stream().anyMatch(c -> c.outcome() == Outcome.REJECTED), "local buckets reject");
                assertTrue(during.stream().noneMatch(c -> c.outcome() == Outcome.REFUSED));
            }
        }
    }

    @Test
    void redisRestartedEmptyGivesFullBucketsWithoutAFailedDecision() throws Exception {
        try (RedisServer redis = RedisServer.start(); LoadRun run = new LoadRun();
             RedisRateLimiter limiter = RedisRateLimiter.connect(config(redis, "closed"), run)) {
            for (int i = 0; i < 10; i++) {
                limiter.tryAcquire("api", "client");
            }
            assertFalse(limiter.tryAcquire("api", "client").allowed());
            long start = System.nanoTime();
            redis.restart();
            System.out.printf("Redis restarted (kill, start, answering) in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            // A connection idle for 250 ms is checked with a PING before the script; a local restart is faster.
            Thread.sleep(300);
            Decision afterRestart = limiter.tryAcquire("api", "client");
            assertTrue(afterRestart.allowed(), "the lost bucket is a full one");
            assertEquals(9, afterRestart.remaining());
        }
    }

    @Test
    void aRestartFasterThanTheIdleCheckCostsAtMostOneFailurePolicyDecision() throws Exception {
        try (RedisServer redis = RedisServer.start(); LoadRun run = new LoadRun();
             RedisRateLimiter limiter = RedisRateLimiter.connect(config(redis, "closed"), run)) {
            limiter.tryAcquire("api", "client");
            redis.restart();
            int refused = 0;
            try {
                limiter.tryAcquire("api", "client"); // its connection died unseen: the reply may have been lost
            } catch (RateLimiterUnavailableException e) {
                refused++;
            }
            Decision next = limiter.tryAcquire("api", "client");
            assertTrue(refused <= 1);
            assertEquals(10 - 1 - (1 - refused), next.remaining(), "the dead connection's idle siblings were discarded");
        }
    }

    @Test
    void morePoolWaitersThanConnectionsWaitBoundedThenTheFailurePolicyDecides() throws Exception {
        // Two connections, both stuck on a frozen Redis; a threshold the test never reaches keeps the circuit closed.
        // Without pipelining each call needs a connection of its own (pipelined calls share them: FrozenBatchTest).
        try (RedisServer redis = RedisServer.start(); LoadRun run = new LoadRun();
             RedisRateLimiter limiter = RedisRateLimiter.connect(config(redis, "open",
                     "limiter.redis.pool.max-total", "2", "limiter.circuit.failure-threshold", "1000000",
                     "limiter.redis.pipelining", "false"), run)) {
            run.start(limiter, "api", THREADS, 4);
            Thread.sleep(200);
            long frozen = run.now();
            redis.freeze();
            Thread.sleep(1_000);
            redis.resume();
            Thread.sleep(300);
            List<Call> calls = run.stop(); // a deadlock would fail here

            List<Call> waitedForConnection = new ArrayList<>();
            List<Call> timedOut = new ArrayList<>();
            for (Call c : calls) {
                if (c.startNanos() > frozen + 20_000_000 && c.withoutRedis()) {
                    // A call that got a connection reads with the rest of its deadline, rounded down to whole
                    // milliseconds, so it can fail a little before TIMEOUT_MILLIS after it started.
                    (c.latencyNanos() >= (TIMEOUT_MILLIS - 10) * 1_000_000 ? timedOut : waitedForConnection).add(c);
                }
            }
            long maxWaitMillis = LoadRun.maxLatencyMillis(waitedForConnection);
            System.out.printf("pool exhausted: %d calls waited for a connection (max %d ms), %d timed out on Redis (max %d ms), max %d ms%n",
                    waitedForConnection.size(), maxWaitMillis, timedOut.size(), LoadRun.maxLatencyMillis(timedOut),
                    LoadRun.maxLatencyMillis(calls));
            assertTrue(waitedForConnection.size() > timedOut.size(), "most callers found no free connection");
            assertTrue(maxWaitMillis < 50, "a caller without a connection waited " + maxWaitMillis + " ms");
            assertTrue(LoadRun.maxLatencyMillis(calls) <= IN_FLIGHT_BOUND_MILLIS, "the two stuck connections' calls");
            assertTrue(calls.stream().filter(c -> c.startNanos() > frozen + 20_000_000 && c.withoutRedis())
                    .allMatch(c -> c.outcome() == Outcome.ALLOWED), "on-failure=open admits them");
        }
    }
}
