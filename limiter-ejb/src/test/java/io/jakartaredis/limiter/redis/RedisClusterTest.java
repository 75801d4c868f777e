package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisCluster;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/** The limiter on a real three-master Redis Cluster: keys on every shard, the script wherever it is needed, exact limits. */
class RedisClusterTest {

    private static final int CAPACITY = 500;
    private static final int THREADS_PER_NODE = 32;
    private static final int CALLS_PER_THREAD = 25;
    private static final String KEY_PREFIX = "rate_limit:exact:";

    /** What the cluster client needs beyond the standalone line: it reads the slot map. */
    static final String CLUSTER_PERMISSION = "+cluster|slots";

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
        return TopologyLimiters.limiter("limiter.redis.cluster.nodes", cluster.nodes(),
                "limiter.policy.exact.limits", CAPACITY + "/1h", "limiter.redis.pool.max-total", "16");
    }

    @Test
    void loadsTheScriptOnEveryMasterAtStartup() {
        try (RedisRateLimiter ignored = limiter()) {
            for (RedisServer master : cluster.masters()) {
                assertTrue(scriptExists(master), "script on " + master);
            }
        }
    }

    @Test
    void spreadsKeysOverEveryMaster() {
        try (RedisRateLimiter limiter = limiter()) {
            for (int i = 0; i < 60; i++) {
                assertTrue(limiter.tryAcquire("exact", "client-" + i).allowed());
            }
        }
        for (RedisServer master : cluster.masters()) {
            try (Jedis jedis = master.admin()) {
                assertTrue(jedis.dbSize() > 0, "keys on " + master);
            }
        }
        try (Jedis owner = cluster.masterOf(KEY_PREFIX + "client-7").admin()) {
            assertTrue(owner.exists(KEY_PREFIX + "client-7"), "the key lives on the master of its slot");
        }
    }

    @Test
    void decidesOnEveryShardAfterScriptFlushOnOne() {
        try (RedisRateLimiter limiter = limiter()) {
            List<String> clients = clientOnEachShard();
            RedisServer flushed = cluster.masterOf(KEY_PREFIX + clients.get(1));
            try (Jedis jedis = flushed.admin()) {
                jedis.scriptFlush();
            }
            for (String client : clients) {
                assertEquals(CAPACITY - 1, limiter.tryAcquire("exact", client).remaining(), client);
            }
            assertTrue(scriptExists(flushed), "script loaded again on " + flushed);
        }
    }

    @Test
    void keylessPingRunsAfterEveryScriptCacheWasFlushed() {
        try (RedisRateLimiter limiter = limiter()) {
            cluster.masters().forEach(master -> {
                try (Jedis jedis = master.admin()) {
                    jedis.scriptFlush();
                }
            });
            for (int i = 0; i < 6; i++) {
                limiter.ping();
            }
        }
    }

    @Test
    void runsAsTheLeastPrivilegedAclUserOnEveryShard() {
        for (RedisServer master : cluster.masters()) {
            try (Jedis jedis = master.admin()) {
                jedis.aclLogReset();
                jedis.aclSetUser("limiter", withPassword(AclUserTest.LEAST_PRIVILEGE));
            }
        }
        try (RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.cluster.nodes", cluster.nodes(),
                "limiter.redis.user", "limiter", "limiter.redis.password", "cluster-acl-pw",
                "limiter.policy.exact.limits", CAPACITY + "/1h")) {
            for (String client : clientOnEachShard()) {
                assertEquals(CAPACITY - 1, limiter.tryAcquire("exact", client).remaining(), client);
            }
            limiter.ping();
        }
        for (RedisServer master : cluster.masters()) {
            try (Jedis jedis = master.admin()) {
                assertEquals(List.of(), jedis.aclLog(), "denials on " + master);
                jedis.aclDelUser("limiter");
            }
        }
    }

    private static String[] withPassword(List<String> rules) {
        List<String> all = new ArrayList<>(rules);
        all.add(CLUSTER_PERMISSION);
        all.add(">cluster-acl-pw");
        return all.toArray(String[]::new);
    }

    @RepeatedTest(3)
    void twoNodesAdmitExactlyTheCapacityOnEachShard(RepetitionInfo repetition) throws Exception {
        String client = clientOnEachShard().get(repetition.getCurrentRepetition() - 1);
        try (RedisRateLimiter nodeA = limiter(); RedisRateLimiter nodeB = limiter()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 2 * THREADS_PER_NODE; t++) {
                RedisRateLimiter node = t % 2 == 0 ? nodeA : nodeB;
                results.add(threads.submit(() -> {
                    start.await();
                    int admitted = 0;
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        admitted += node.tryAcquire("exact", client).allowed() ? 1 : 0;
                    }
                    return admitted;
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Integer> result : results) {
                admitted += result.get();
            }
            assertEquals(CAPACITY, admitted, "on " + cluster.masterOf(KEY_PREFIX + client));
        }
    }

    @RepeatedTest(3)
    void aDecisionOnAFrozenShardTakesItsCostAtMostOnceAndEndsWithinTimeoutPlus50Ms(RepetitionInfo repetition)
            throws Exception {
        String client = clientOnEachShard().get(repetition.getCurrentRepetition() - 1);
        RedisServer frozen = cluster.masterOf(KEY_PREFIX + client);
        long timeoutMillis = 200;
        try (RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.cluster.nodes", cluster.nodes(),
                "limiter.policy.exact.limits", CAPACITY + "/1h", "limiter.redis.timeout", timeoutMillis + "ms",
                "limiter.redis.pool.max-wait", "25ms")) {
            // Answered just now: the frozen decision writes its script without a PING first (IdleConnections).
            assertEquals(CAPACITY - 1, limiter.tryAcquire("exact", client).remaining());
            frozen.freeze();
            long tookMillis;
            try {
                long start = System.nanoTime();
                assertThrows(RateLimiterUnavailableException.class, () -> limiter.tryAcquire("exact", client));
                tookMillis = (System.nanoTime() - start) / 1_000_000;
                Thread.sleep(3 * timeoutMillis); // longer than every resend Jedis would try
            } finally {
                frozen.resume();
            }
            long remaining = limiter.tryAcquire("exact", client).remaining();
            System.out.printf("decision on frozen %s: %d ms; remaining after it and one more: %d of %d%n",
                    frozen, tookMillis, remaining, CAPACITY);
            // The frozen server runs the script it had received once resumed: exactly once, never resent.
        assertEquals(CAPACITY - 3, remaining, "the frozen decision's script was sent, and ran once");
            assertTrue(tookMillis <= timeoutMillis + 50, "decision took " + tookMillis + " ms, timeout " + timeoutMillis);
        }
    }

    @Test
    void aDecisionThatFindsNoScriptLoadsItOnItsOwnShardWithoutWaitingForAFrozenOne() {
        List<String> clients = clientOnEachShard();
        RedisServer flushed = cluster.masterOf(KEY_PREFIX + clients.get(0));
        RedisServer frozen = cluster.masterOf(KEY_PREFIX + clients.get(1));
        try (RedisRateLimiter limiter = TopologyLimiters.limiter("limiter.redis.cluster.nodes", cluster.nodes(),
                "limiter.policy.exact.limits", CAPACITY + "/1h", "limiter.redis.timeout", "200ms")) {
            try (Jedis jedis = flushed.admin()) {
                jedis.scriptFlush();
            }
            frozen.freeze();
            try {
                long start = System.nanoTime();
                assertEquals(CAPACITY - 1, limiter.tryAcquire("exact", clients.get(0)).remaining());
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(tookMillis < 100, "reloading the script took " + tookMillis + " ms");
            } finally {
                frozen.resume();
            }
        }
    }

    @Test
    void followsMovedWhenTheSlotMapIsStale() {
        List<String> clients = clientOnEachShard();
        String key = KEY_PREFIX + clients.get(0);
        RedisServer owner = cluster.masterOf(key);
        RedisServer newOwner = cluster.masterOf(KEY_PREFIX + clients.get(1));
        int slot = JedisClusterCRC16.getSlot(key);
        try (RedisRateLimiter limiter = limiter()) {
            limiter.tryAcquire("exact", clients.get(2)); // the client reads the slot map
            moveEmptySlot(slot, owner, newOwner);
            try {
                assertEquals(CAPACITY - 1, limiter.tryAcquire("exact", clients.get(0)).remaining());
                try (Jedis jedis = newOwner.admin()) {
                    assertTrue(jedis.exists(key), "the bucket was written by the new owner of its slot");
                }
                assertEquals(CAPACITY - 2, limiter.tryAcquire("exact", clients.get(0)).remaining());
            } finally {
                try (Jedis jedis = newOwner.admin()) {
                    jedis.del(key);
                }
                moveEmptySlot(slot, newOwner, owner);
            }
        }
    }

    @Test
    void followsAskWhileTheSlotIsMigrating() {
        List<String> clients = clientOnEachShard();
        String key = KEY_PREFIX + clients.get(0);
        RedisServer owner = cluster.masterOf(key);
        RedisServer importer = cluster.masterOf(KEY_PREFIX + clients.get(1));
        int slot = JedisClusterCRC16.getSlot(key);
        try (RedisRateLimiter limiter = limiter(); Jedis from = owner.admin(); Jedis to = importer.admin()) {
            limiter.tryAcquire("exact", clients.get(2));
            to.clusterSetSlotImporting(slot, from.clusterMyId());
            from.clusterSetSlotMigrating(slot, to.clusterMyId());
            try {
                assertEquals(CAPACITY - 1, limiter.tryAcquire("exact", clients.get(0)).remaining());
                assertEquals(1, to.clusterCountKeysInSlot(slot), "the bucket was written on the importing node");
                assertEquals(0, from.clusterCountKeysInSlot(slot), "not on the migrating one");
            } finally {
                to.asking(); // an importing node answers for the slot only after ASKING
                to.del(key);
                to.clusterSetSlotStable(slot);
                from.clusterSetSlotStable(slot);
            }
        }
    }

    @Test
    void decidesWhileTheSlotMigratesToAMasterWithoutTheScript() {
        List<String> clients = clientOnEachShard();
        String key = KEY_PREFIX + clients.get(0);
        RedisServer owner = cluster.masterOf(key);
        RedisServer importer = cluster.masterOf(KEY_PREFIX + clients.get(1));
        int slot = JedisClusterCRC16.getSlot(key);
        try (RedisRateLimiter limiter = limiter(); Jedis from = owner.admin(); Jedis to = importer.admin()) {
            limiter.tryAcquire("exact", clients.get(2));
            to.scriptFlush(); // a master added by a scale-out has an empty script cache
            to.clusterSetSlotImporting(slot, from.clusterMyId());
            from.clusterSetSlotMigrating(slot, to.clusterMyId());
            try {
                for (int taken = 1; taken <= 3; taken++) {
                    assertEquals(CAPACITY - taken, limiter.tryAcquire("exact", clients.get(0)).remaining());
                }
                assertEquals(1, to.clusterCountKeysInSlot(slot), "the bucket is on the importing node");
            } finally {
                to.asking();
                to.del(key);
                to.clusterSetSlotStable(slot);
                from.clusterSetSlotStable(slot);
            }
        }
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

    /** One client key per master, in the order of {@link RedisCluster#masters()}. */
    private static List<String> clientOnEachShard() {
        List<String> clients = new ArrayList<>();
        for (RedisServer master : cluster.masters()) {
            int i = 0;
            while (cluster.masterOf(KEY_PREFIX + "c" + i) != master) {
                i++;
            }
            clients.add("c" + i);
        }
        return clients;
    }

    private static boolean scriptExists(RedisServer master) {
        try (Jedis jedis = master.admin()) {
            return jedis.scriptExists(TokenBucketScript.SCRIPT.sha1());
        }
    }
}
