package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisSentinelTopology;
import redis.clients.jedis.Jedis;

/**
 * A master, a replica and three Sentinels as real processes: after SIGKILL of the master the same
 * limiter decides again on the promoted replica, without a restart, and no decision fails with NOSCRIPT.
 */
class RedisSentinelFailoverTest {

    /** Small in the test; production Sentinels use seconds (see the README's "Redis topologies"). */
    private static final Duration DOWN_AFTER = Duration.ofMillis(1000);
    private static final Duration FAILOVER_TIMEOUT = Duration.ofMillis(3000);
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(15);
    private static final int CAPACITY = 1000;

    private static RedisSentinelTopology topology;

    @BeforeAll
    static void startTopology() {
        topology = RedisSentinelTopology.start(DOWN_AFTER, FAILOVER_TIMEOUT);
    }

    @AfterAll
    static void stopTopology() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void decidesAgainOnThePromotedReplicaWithoutARestart() {
        try (RedisRateLimiter limiter = TopologyLimiters.limiter(
                "limiter.redis.sentinel.master", RedisSentinelTopology.MASTER_NAME,
                "limiter.redis.sentinel.nodes", topology.sentinelNodes(),
                "limiter.redis.timeout", "500ms",
                "limiter.policy.api.limits", CAPACITY + "/1h")) {
            for (int i = 0; i < 10; i++) {
                assertTrue(limiter.tryAcquire("api", "client").allowed());
            }
            try (Jedis master = topology.master().admin()) {
                assertEquals(1, master.waitReplicas(1, 2000), "the replica acknowledged the bucket");
            }
            boolean replicaHadScript = scriptOn(topology);
            System.out.println("Sentinel failover: SCRIPT LOAD replicated to the replica before the failover: "
                    + replicaHadScript);

            long killed = System.nanoTime();
            topology.killMaster();
            long promoted = 0;
            List<String> failures = new ArrayList<>();
            Decision decision = null;
            while (decision == null) {
                assertTrue(System.nanoTime() - killed < RECOVERY_BOUND.toNanos(), "no decision within " + RECOVERY_BOUND
                        + "; failures: " + failures.subList(Math.max(0, failures.size() - 5), failures.size()));
                if (promoted == 0 && topology.reportedMasterPort() == topology.replica().port()) {
                    promoted = System.nanoTime();
                }
                try {
                    decision = limiter.tryAcquire("api", "client");
                } catch (RateLimiterUnavailableException e) {
                    failures.add(e.getMessage());
                    sleep(20);
                }
            }
            long decided = System.nanoTime();
            System.out.printf("Sentinel failover (down-after %d ms, failover-timeout %d ms): promoted after %d ms, "
                            + "first decision on the new master after %d ms, %d calls refused meanwhile%n",
                    DOWN_AFTER.toMillis(), FAILOVER_TIMEOUT.toMillis(), millis(promoted == 0 ? decided : promoted, killed),
                    millis(decided, killed), failures.size());

            assertEquals(topology.replica().port(), topology.reportedMasterPort(), "the replica is the master now");
            assertTrue(decision.allowed());
            assertEquals(CAPACITY - 11, decision.remaining(), "the replicated bucket carried over");
            assertFalse(failures.stream().anyMatch(message -> message.contains("NOSCRIPT")), failures.toString());
            assertTrue(scriptOn(topology), "the limiter loaded the script on the new master");
        }
    }

    private static boolean scriptOn(RedisSentinelTopology topology) {
        try (Jedis replica = topology.replica().admin()) {
            return replica.scriptExists(TokenBucketScript.SCRIPT.sha1());
        }
    }

    private static long millis(long to, long from) {
        return (to - from) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
