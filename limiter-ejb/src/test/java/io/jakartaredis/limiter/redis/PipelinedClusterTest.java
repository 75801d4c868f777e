package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.CommandStats;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisCluster;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Pipelined decisions on a three-master cluster: each batch goes to the master of its keys' slot,
 * and a {@code MOVED} met inside a batch, after a slot moved while threads decide, is followed to the
 * new owner, where the decision runs once.
 */
class PipelinedClusterTest {

    private static final int THREADS_PER_NODE = 32;
    private static final int CAPACITY = 500;
    private static final String POLICY = "exact";
    private static final String KEY_PREFIX = "rate_limit:" + POLICY + ":";

    private static RedisCluster cluster;
    private static ExecutorService threads;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start(3);
        threads = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
    }

    @AfterAll
    static void stopCluster() {
        threads.shutdownNow();
        cluster.close();
    }

    @BeforeEach
    void emptyCluster() {
        cluster.flushAll();
    }

    private static RedisRateLimiter limiter() {
        return TopologyLimiters.limiter("limiter.redis.cluster.nodes", cluster.nodes(), "limiter.redis.pool.max-total", "32",
                "limiter.deny-cache.enabled", "false", "limiter.redis.pipelining", "true", "limiter.policy." + POLICY + ".limits", CAPACITY + "/1h");
    }

    @Test
    void twoNodesOf32ThreadsAdmitExactlyTheCapacityOnEveryShardInBatchesSentToTheShardOfTheirKeys() throws Exception {
        List<String> clients = clientOnEachShard("spread-");
        try (RedisRateLimiter nodeA = limiter(); RedisRateLimiter nodeB = limiter()) {
            long[] evalshas = perMaster(master -> CommandStats.calls(master, "evalsha"));
            long[] redirected = perMaster(master -> CommandStats.rejectedCalls(master, "evalsha"));
            long batchesBefore = nodeA.batchSizes().batches() + nodeB.batchSizes().batches();
            long commandsBefore = nodeA.batchSizes().commands() + nodeB.batchSizes().commands();
            int callsPerThread = 30;
            int[][] admitted = new int[2 * THREADS_PER_NODE][];
            runTogether(2 * THREADS_PER_NODE, t -> {
                RedisRateLimiter node = t % 2 == 0 ? nodeA : nodeB;
                admitted[t] = new int[3];
                for (int i = 0; i < callsPerThread; i++) {
                    int shard = (t + i) % 3;
                    admitted[t][shard] += node.tryAcquire(POLICY, clients.get(shard)).allowed() ? 1 : 0;
                }
            });
            long batches = nodeA.batchSizes().batches() + nodeB.batchSizes().batches() - batchesBefore;
            long commands = nodeA.batchSizes().commands() + nodeB.batchSizes().commands() - commandsBefore;
            int decisionsPerShard = 2 * THREADS_PER_NODE * callsPerThread / 3;
            System.out.printf("cluster, 2 nodes x %d threads over 3 shards: %d decisions in %d batches (mean %.2f)%n",
                    THREADS_PER_NODE, commands, batches, commands / (double) batches);
            for (int shard = 0; shard < 3; shard++) {
                int onShard = 0;
                for (int[] thread : admitted) {
                    onShard += thread[shard];
                }
                assertEquals(CAPACITY, onShard, "admitted on shard " + shard + " of " + decisionsPerShard + " decisions");
            }
            long[] evalshasAfter = perMaster(master -> CommandStats.calls(master, "evalsha"));
            long[] redirectedAfter = perMaster(master -> CommandStats.rejectedCalls(master, "evalsha"));
            for (int m = 0; m < 3; m++) {
                assertEquals(decisionsPerShard, evalshasAfter[m] - evalshas[m], "EVALSHA run on " + cluster.masters().get(m));
                assertEquals(0, redirectedAfter[m] - redirected[m], "commands sent to a master not of their slot");
            }
            assertEquals(2L * THREADS_PER_NODE * callsPerThread, commands, "every decision went through a batch");
            assertTrue(commands > batches, "decisions shared writes: " + commands + " in " + batches + " batches");
        }
    }

    @Test
    void aMovedAnsweredInsideABatchIsFollowedAndTheDecisionRunsOnceOnTheNewOwner() throws Exception {
        List<String> clients = clientOnEachShard("moved-");
        String moving = clients.get(0);
        String key = KEY_PREFIX + moving;
        RedisServer owner = cluster.masterOf(key);
        RedisServer newOwner = cluster.masterOf(KEY_PREFIX + clients.get(1));
        List<String> sameShard = sameShardAs(key, 4);
        int slot = JedisClusterCRC16.getSlot(key);
        try (RedisRateLimiter limiter = limiter(); Jedis from = owner.admin(); Jedis to = newOwner.admin()) {
            runTogether(THREADS_PER_NODE, t -> limiter.tryAcquire(POLICY, sameShard.get(t % sameShard.size())));
            moveEmptySlot(slot, owner, newOwner); // the limiter's slot map still names the old owner
            long movedBefore = CommandStats.rejectedCalls(from, "evalsha");
            long ranBefore = CommandStats.calls(to, "evalsha");
            long batchesBefore = limiter.batchSizes().batches();
            long commandsBefore = limiter.batchSizes().commands();
            int callsPerThread = 10;
            int[] admitted = new int[THREADS_PER_NODE];
            try {
                runTogether(THREADS_PER_NODE, t -> {
                    for (int i = 0; i < callsPerThread; i++) {
                        // Batched with decisions on keys that stay on the old owner.
                        limiter.tryAcquire(POLICY, sameShard.get((t + i) % sameShard.size()));
                        admitted[t] += limiter.tryAcquire(POLICY, moving).allowed() ? 1 : 0;
                    }
                });
                long moved = CommandStats.rejectedCalls(from, "evalsha") - movedBefore;
                long ran = CommandStats.calls(to, "evalsha") - ranBefore;
                long batches = limiter.batchSizes().batches() - batchesBefore;
                long commands = limiter.batchSizes().commands() - commandsBefore;
                System.out.printf("slot moved under %d threads: %d MOVED answered, followed; %d EVALSHA on the new owner "
                                + "for %d decisions; %d commands in %d batches%n", THREADS_PER_NODE, moved, ran,
                        THREADS_PER_NODE * callsPerThread, commands, batches);
                int total = 0;
                for (int a : admitted) {
                    total += a;
                }
                assertEquals(Math.min(CAPACITY, THREADS_PER_NODE * callsPerThread), total, "admitted on the moved key");
                assertEquals(CAPACITY - total, limiter.peek(POLICY, moving).remaining(), "each admission took one token");
                assertTrue(moved > 0, "a decision was answered MOVED by the old owner");
                assertEquals(THREADS_PER_NODE * callsPerThread, ran, "each decision on the moved key ran once, on the new owner");
                assertTrue(to.exists(key), "the bucket lives on the new owner");
                assertTrue(commands > batches, "decisions were batched: " + commands + " in " + batches + " batches");
            } finally {
                to.del(key);
                moveEmptySlot(slot, newOwner, owner);
            }
        }
    }

    /** Runs {@code task} on {@code count} threads started together; waits for all. */
    private static void runTogether(int count, ThreadTask task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            int thread = t;
            results.add(threads.submit(() -> {
                start.await();
                task.run(thread);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> result : results) {
            result.get(30, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface ThreadTask {
        void run(int thread) throws Exception;
    }

    private static long[] perMaster(ToLongFunction<Jedis> stat) {
        long[] values = new long[cluster.masters().size()];
        for (int m = 0; m < values.length; m++) {
            try (Jedis master = cluster.masters().get(m).admin()) {
                values[m] = stat.applyAsLong(master);
            }
        }
        return values;
    }

    /** Moves a slot that holds no key, as a reshard does: importing, migrating, then every node told the new owner. */
    private static void moveEmptySlot(int slot, RedisServer from, RedisServer to) {
        try (Jedis source = from.admin(); Jedis target = to.admin()) {
            String targetId = target.clusterMyId();
            target.clusterSetSlotImporting(slot, source.clusterMyId());
            source.clusterSetSlotMigrating(slot, targetId);
            target.clusterSetSlotNode(slot, targetId);
            source.clusterSetSlotNode(slot, targetId);
            for (RedisServer other : cluster.masters()) {
                if (other != from && other != to) {
                    try (Jedis jedis = other.admin()) {
                        jedis.clusterSetSlotNode(slot, targetId);
                    }
                }
            }
        }
    }

    /** One client per master, in the order of {@link RedisCluster#masters()}. */
    private static List<String> clientOnEachShard(String prefix) {
        List<String> clients = new ArrayList<>();
        for (RedisServer master : cluster.masters()) {
            clients.add(clientsOn(master, prefix, 1, key -> true).get(0));
        }
        return clients;
    }

    /** {@code count} clients on the master of {@code key}, in other slots than its own. */
    private static List<String> sameShardAs(String key, int count) {
        int slot = JedisClusterCRC16.getSlot(key);
        return clientsOn(cluster.masterOf(key), "stay-", count, other -> JedisClusterCRC16.getSlot(other) != slot);
    }

    private static List<String> clientsOn(RedisServer master, String prefix, int count,
                                          Predicate<String> accepted) {
        List<String> clients = new ArrayList<>();
        for (int i = 0; clients.size() < count; i++) {
            String key = KEY_PREFIX + prefix + i;
            if (cluster.masterOf(key) == master && accepted.test(key)) {
                clients.add(prefix + i);
            }
        }
        return clients;
    }
}
