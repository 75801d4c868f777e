package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisSentinelTopology;
import redis.clients.jedis.Jedis;

/**
 * The master is killed while 32 threads decide in pipelined batches through Sentinel: decisions go
 * to the failure policy meanwhile, then succeed on the promoted replica, batched again, without a
 * restart and without a NOSCRIPT reaching any caller.
 */
class PipelinedSentinelFailoverTest {

    private static final Duration DOWN_AFTER = Duration.ofMillis(1000);
    private static final Duration FAILOVER_TIMEOUT = Duration.ofMillis(3000);
    private static final int THREADS = 32;
    private static final int CAPACITY = 1_000_000;

    @Test
    void concurrentBatchedDecisionsSucceedOnThePromotedReplica() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (RedisSentinelTopology topology = RedisSentinelTopology.start(DOWN_AFTER, FAILOVER_TIMEOUT);
             RedisRateLimiter limiter = TopologyLimiters.limiter(
                     "limiter.redis.sentinel.master", RedisSentinelTopology.MASTER_NAME,
                     "limiter.redis.sentinel.nodes", topology.sentinelNodes(), "limiter.redis.timeout", "500ms",
                     "limiter.redis.pool.max-total", Integer.toString(THREADS), "limiter.deny-cache.enabled", "false",
                     "limiter.redis.pipelining", "true", "limiter.policy.api.limits", CAPACITY + "/366d")) {
            CountDownLatch beforeKill = new CountDownLatch(300);
            CountDownLatch afterFailover = new CountDownLatch(300);
            AtomicBoolean promoted = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong refused = new AtomicLong();
            ConcurrentLinkedQueue<String> noScript = new ConcurrentLinkedQueue<>();
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String client = "c" + t;
                results.add(threads.submit(() -> {
                    while (!stop.get()) {
                        try {
                            assertTrue(limiter.tryAcquire("api", client).allowed());
                            (promoted.get() ? afterFailover : beforeKill).countDown();
                        } catch (RateLimiterUnavailableException e) {
                            refused.incrementAndGet();
                            if (e.getMessage().contains("NOSCRIPT")) {
                                noScript.add(e.getMessage());
                            }
                            LockSupport.parkNanos(1_000_000); // a caller backing off, not 32 threads spinning
                        }
                    }
                    return null;
                }));
            }
            assertTrue(beforeKill.await(10, TimeUnit.SECONDS), "decisions before the kill");
            long batchesBefore = limiter.batchSizes().batches();
            long commandsBefore = limiter.batchSizes().commands();
            long killed = System.nanoTime();
            topology.killMaster();
            while (topology.reportedMasterPort() != topology.replica().port()) {
                assertTrue(System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(15), "no promotion within 15 s");
                Thread.sleep(20); // Sentinel tells no one: asked, as a client would
            }
            promoted.set(true);
            long promotedAfter = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(afterFailover.await(15, TimeUnit.SECONDS), "300 decisions on the promoted replica");
            long recoveredAfter = (System.nanoTime() - killed) / 1_000_000;
            stop.set(true);
            for (Future<?> result : results) {
                result.get(10, TimeUnit.SECONDS);
            }
            long batches = limiter.batchSizes().batches() - batchesBefore;
            long commands = limiter.batchSizes().commands() - commandsBefore;
            System.out.printf("Sentinel failover under %d threads of pipelined decisions: promoted after %d ms, 300 "
                            + "decisions on the new master after %d ms, %d refused meanwhile; %d commands in %d batches%n",
                    THREADS, promotedAfter, recoveredAfter, refused.get(), commands, batches);

            assertEquals(List.of(), List.copyOf(noScript), "no NOSCRIPT reached a caller");
            assertTrue(commands > batches, "decisions were batched: " + commands + " in " + batches + " batches");
            try (Jedis newMaster = topology.replica().admin()) {
                assertTrue(newMaster.scriptExists(TokenBucketScript.SCRIPT.sha1()), "the script on the new master");
                assertTrue(newMaster.dbSize() >= THREADS, "the buckets on the new master");
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
