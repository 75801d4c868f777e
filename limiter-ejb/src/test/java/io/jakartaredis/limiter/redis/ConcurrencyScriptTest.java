package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/**
 * The concurrency part of {@code token_bucket.lua} on an explicit timeline: slots held by leases
 * that expire on the script's clock, all or nothing with the bucket's limits, releases that are
 * harmless for leases that expired or never were, and the seventh reply element.
 */
class ConcurrencyScriptTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final long T0 = ScriptTimeline.T0;
    private static final String KEY = "rate_limit:conc:client";
    private static final String LEASES = "{" + KEY + "}:leases";
    private static final List<String> NO_LIMITS = List.of();

    private ScriptExecutor executor;
    private TokenBucketScript script;

    @BeforeEach
    void connect() {
        executor = RedisClients.executor(TestLimiters.config(REDIS.server()).redis());
        script = new TokenBucketScript(executor);
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.del(KEY, LEASES);
        }
    }

    @AfterEach
    void close() {
        executor.close();
    }

    private static Lease lease(int slots, long timeoutMillis, String id) {
        return new Lease(LEASES, slots, timeoutMillis, id);
    }

    private BucketReply take(long at, String limits, Lease lease) {
        return script.takeAt(KEY, 1, T0 + at, limits.isEmpty() ? NO_LIMITS : ScriptTimeline.args(limits), lease);
    }

    private long liveLeases() {
        try (Jedis jedis = REDIS.server().admin()) {
            return jedis.zcard(LEASES);
        }
    }

    private String bucket() {
        try (Jedis jedis = REDIS.server().admin()) {
            return jedis.get(KEY) + " @" + jedis.pexpireTime(KEY);
        }
    }

    @Test
    void admitsAsManyCallsAsSlotsThenRejectsWithoutTouchingTheBucket() {
        for (int i = 0; i < 3; i++) {
            BucketReply admitted = take(0, "100/1s", lease(3, 30_000, "n" + i));
            assertTrue(admitted.allowed());
            assertEquals(2 - i, admitted.freeSlots());
            assertEquals(0, admitted.limitIndex(), "an admission describes the bucket limit");
        }
        String bucketBefore = bucket();
        BucketReply full = take(10, "100/1s", lease(3, 30_000, "n3"));
        assertFalse(full.allowed());
        assertEquals(1, full.limitIndex(), "the index after the last bucket limit");
        assertEquals(3, full.limit());
        assertEquals(0, full.remaining());
        assertEquals(0, full.freeSlots());
        assertEquals(1000, full.retryAfterMillis(), "until the earliest lease expires, capped at 1 s");
        assertEquals(bucketBefore, bucket(), "no token taken");
        assertEquals(3, liveLeases());
    }

    @Test
    void aLeaseKeyOfAnotherTypeRejectsAfterTheLeaseTimeoutAndIsNeverWritten() {
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.set(LEASES, "another application's");
        }
        BucketReply take = take(0, "100/1s", lease(3, 30_000, "a"));
        BucketReply peek = script.peekAt(KEY, 1, T0, ScriptTimeline.args("100/1s"), lease(3, 30_000, Lease.NO_ID));
        BucketReply release = script.releaseAt(KEY, T0, lease(3, 30_000, "a"));
        for (BucketReply reply : List.of(take, peek)) {
            assertEquals(new BucketReply(false, 0, 30_000, 30_000, 3, 1, 0), reply, "rejected by the concurrency limit");
        }
        assertFalse(release.allowed(), "a release: no lease freed");
        try (Jedis jedis = REDIS.server().admin()) {
            assertEquals("another application's", jedis.get(LEASES));
            assertFalse(jedis.exists(KEY), "no token taken");
        }
    }

    @Test
    void withoutBucketLimitsOrLeaseARefundPeekOrTakeAnswersHarmlesslyAndWritesNothing() {
        BucketReply refund = script.refundAt(KEY, 1, T0, NO_LIMITS);
        BucketReply peek = script.peekAt(KEY, 1, T0, NO_LIMITS);
        BucketReply take = script.takeAt(KEY, 1, T0, NO_LIMITS);
        for (BucketReply reply : List.of(refund, peek, take)) {
            assertEquals(new BucketReply(false, 0, 0, 0, 0, 0, -1), reply, "no Lua error, nothing done");
        }
        try (Jedis jedis = REDIS.server().admin()) {
            assertFalse(jedis.exists(KEY) || jedis.exists(LEASES));
        }
    }

    @Test
    void aBucketRejectionAddsNoLease() {
        assertTrue(take(0, "1/1h", lease(4, 30_000, "a")).allowed());
        BucketReply rejected = take(0, "1/1h", lease(4, 30_000, "b"));
        assertFalse(rejected.allowed());
        assertEquals(0, rejected.limitIndex(), "the bucket limit rejected");
        assertEquals(3, rejected.freeSlots(), "the slot of b was not taken");
        assertEquals(1, liveLeases());
    }

    @Test
    void aLeaseFreesItsSlotWhenItExpiresOnTheScriptClock() {
        assertTrue(take(0, "", lease(1, 1000, "dead-node")).allowed());
        BucketReply stillHeld = take(999, "", lease(1, 1000, "b"));
        assertFalse(stillHeld.allowed());
        assertEquals(1, stillHeld.retryAfterMillis(), "the earliest lease expires in 1 ms");
        BucketReply freed = take(1000, "", lease(1, 1000, "b"));
        assertTrue(freed.allowed(), "the dead holder's lease expired");
        assertEquals(0, freed.freeSlots());
        try (Jedis jedis = REDIS.server().admin()) {
            assertEquals(List.of("b"), jedis.zrange(LEASES, 0, -1));
            assertEquals(T0 + 2000, jedis.pexpireTime(LEASES), "the set expires with its last lease");
        }
    }

    @Test
    void aReleaseGivesTheSlotBackAndDeletesTheEmptySet() {
        assertTrue(take(0, "", lease(2, 30_000, "a")).allowed());
        BucketReply second = take(0, "", lease(2, 30_000, "b"));
        assertEquals(0, second.freeSlots());
        assertEquals(0, second.remaining(), "a concurrency limit alone: remaining is the free slots");
        BucketReply released = script.releaseAt(KEY, T0 + 5, lease(2, 30_000, "a"));
        assertTrue(released.allowed());
        assertEquals(1, released.freeSlots());
        assertTrue(script.releaseAt(KEY, T0 + 6, lease(2, 30_000, "b")).allowed());
        try (Jedis jedis = REDIS.server().admin()) {
            assertFalse(jedis.exists(LEASES), "an empty set is gone");
        }
    }

    @Test
    void releasingAnExpiredOrUnknownLeaseIsHarmless() {
        assertTrue(take(0, "", lease(2, 1000, "a")).allowed());
        assertTrue(take(500, "", lease(2, 1000, "b")).allowed());
        BucketReply expired = script.releaseAt(KEY, T0 + 1200, lease(2, 1000, "a"));
        assertFalse(expired.allowed(), "a was no longer live");
        assertEquals(1, expired.freeSlots());
        BucketReply unknown = script.releaseAt(KEY, T0 + 1200, lease(2, 1000, "never"));
        assertFalse(unknown.allowed());
        assertEquals(1, unknown.freeSlots());
        assertEquals(List.of("b"), leaseIds());
        BucketReply onMissingKey = script.releaseAt("rate_limit:conc:nobody", T0, new Lease("{rate_limit:conc:nobody}:leases", 2, 1000, "x"));
        assertFalse(onMissingKey.allowed());
        assertEquals(2, onMissingKey.freeSlots());
    }

    private List<String> leaseIds() {
        try (Jedis jedis = REDIS.server().admin()) {
            return jedis.zrange(LEASES, 0, -1);
        }
    }

    @Test
    void aRefundDoesNotRelease() {
        assertTrue(take(0, "10/1s", lease(1, 30_000, "a")).allowed());
        script.refundAt(KEY, 1, T0 + 1, ScriptTimeline.args("10/1s"));
        assertEquals(1, liveLeases());
        assertFalse(take(2, "10/1s", lease(1, 30_000, "b")).allowed());
    }

    @Test
    void aPeekCountsLiveLeasesAndWritesNothing() {
        assertTrue(take(0, "10/1s", lease(2, 1000, "a")).allowed());
        assertTrue(take(0, "10/1s", lease(2, 1000, "b")).allowed());
        BucketReply full = script.peekAt(KEY, 1, T0 + 10, ScriptTimeline.args("10/1s"), lease(2, 1000, Lease.NO_ID));
        assertFalse(full.allowed());
        assertEquals(0, full.freeSlots());
        BucketReply afterExpiry = script.peekAt(KEY, 1, T0 + 1000, ScriptTimeline.args("10/1s"), lease(2, 1000, Lease.NO_ID));
        assertTrue(afterExpiry.allowed());
        assertEquals(2, afterExpiry.freeSlots());
        assertEquals(2, liveLeases(), "expired leases stay until a write drops them");
    }

    @Test
    void aReservationTakesItsSlotAtOnceAndItsLeaseCountsFromItsSlot() {
        assertTrue(take(0, "1/1s", lease(2, 5000, "a")).allowed());
        BucketReply reserved = script.reserveAt(KEY, 1, 2000, T0, ScriptTimeline.args("1/1s"), lease(2, 5000, "b"));
        assertTrue(reserved.allowed());
        assertEquals(1000, reserved.retryAfterMillis());
        assertEquals(0, reserved.freeSlots());
        try (Jedis jedis = REDIS.server().admin()) {
            assertEquals(T0 + 6000, jedis.zscore(LEASES, "b").longValue(), "slot at 1000 ms, plus the lease timeout");
        }
        BucketReply full = script.reserveAt(KEY, 1, 3000, T0, ScriptTimeline.args("1/1s"), lease(2, 5000, "c"));
        assertFalse(full.allowed(), "a reservation never waits for a slot");
        assertEquals(1, full.limitIndex());
    }

    @Test
    void withoutAConcurrencyLimitTheSeventhElementIsMinusOne() {
        BucketReply reply = script.takeAt(KEY, 1, T0, ScriptTimeline.args("10/1s"));
        assertEquals(-1, reply.freeSlots());
        try (Jedis jedis = REDIS.server().admin()) {
            assertFalse(jedis.exists(LEASES));
        }
    }

    @Test
    void aBucketOfAnotherTypeRejectsAndAddsNoLease() {
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.hset(KEY, "field", "value");
        }
        BucketReply rejected = take(0, "10/1s", lease(2, 1000, "a"));
        assertFalse(rejected.allowed());
        assertEquals(2, rejected.freeSlots());
        assertEquals(0, liveLeases());
    }
}
