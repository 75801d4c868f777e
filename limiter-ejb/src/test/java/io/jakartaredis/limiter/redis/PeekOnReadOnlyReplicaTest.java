package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.testkit.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * Peek runs as {@code EVALSHA_RO} on a read-only replica, which refuses every write: so no branch of
 * it writes, and the replica's empty script cache is filled by the same NOSCRIPT handling as a take's.
 */
class PeekOnReadOnlyReplicaTest {

    private static final String KEY = "rate_limit:replica:client";
    private static final List<String> TEN_PER_HOUR = ScriptTimeline.args("10/1h");
    private static final List<String> ADDED_LIMIT = ScriptTimeline.args("10/1h, 5/1m");

    private static RedisServer master;
    private static RedisServer replica;
    private ScriptExecutor onMaster;
    private ScriptExecutor onReplica;

    @BeforeAll
    static void startMasterAndReplica() {
        master = RedisServer.start();
        replica = RedisServer.replicaOf(master);
    }

    @AfterAll
    static void stop() {
        replica.close();
        master.close();
    }

    @BeforeEach
    void connect() {
        master.flushAll();
        onMaster = RedisClients.executor(TestLimiters.config(master).redis());
        onReplica = RedisClients.executor(TestLimiters.config(replica).redis());
        try (Jedis jedis = replica.admin()) {
            jedis.scriptFlush();
        }
    }

    @AfterEach
    void close() {
        onMaster.close();
        onReplica.close();
    }

    /** Takes on the master and waits until the replica has the write. */
    private void takeOnMaster(int cost) {
        new TokenBucketScript(onMaster).take(KEY, cost, TEN_PER_HOUR);
        try (Jedis jedis = master.admin()) {
            assertEquals(1, jedis.waitReplicas(1, 5_000));
        }
    }

    @Test
    void theReplicaAnswersAPeekOfTheMastersBucket() {
        takeOnMaster(3);
        BucketReply peek = new TokenBucketScript(onReplica).peek(KEY, 1, TEN_PER_HOUR);
        assertTrue(peek.allowed());
        assertEquals(7, peek.remaining());
        BucketReply tooMany = new TokenBucketScript(onReplica).peek(KEY, 8, TEN_PER_HOUR);
        assertFalse(tooMany.allowed());
        assertEquals(360_000, tooMany.retryAfterMillis(), 1_000);
    }

    @Test
    void theReplicaAnswersAPeekWhereATakeWouldAddALimit() {
        takeOnMaster(3);
        BucketReply peek = new TokenBucketScript(onReplica).peek(KEY, 1, ADDED_LIMIT);
        assertTrue(peek.allowed());
        assertEquals(1, peek.limitIndex(), "the added per-minute limit owes the 3 tokens that the hourly one owes");
        assertEquals(2, peek.remaining());
    }

    @Test
    void theReplicaRefusesTheWritesOfATake() {
        takeOnMaster(3);
        RateLimiterUnavailableException refused = assertThrows(RateLimiterUnavailableException.class,
                () -> new TokenBucketScript(onReplica).take(KEY, 1, TEN_PER_HOUR));
        assertTrue(refused.getMessage().contains("READONLY"), refused.getMessage());
    }

    @Test
    void aReadOnlyRunRefusesAScriptThatWrites() {
        RateLimiterUnavailableException refused = assertThrows(RateLimiterUnavailableException.class,
                () -> onMaster.runReadOnly(TokenBucketScript.SCRIPT, List.of(KEY), List.of("1", "", "0", "", "10", "3600000")));
        assertTrue(refused.getMessage().contains("EVALSHA_RO"), refused.getMessage());
        try (Jedis jedis = master.admin()) {
            assertFalse(jedis.exists(KEY), "nothing written");
        }
    }
}
