package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.config.ConfigValues;
import io.jakartaredis.limiter.config.LimiterConfig;
import io.jakartaredis.limiter.config.LimiterConfigReader;
import io.jakartaredis.limiter.metrics.LimiterMetrics;
import io.jakartaredis.limiter.metrics.PolicyStats;
import io.jakartaredis.limiter.resilience.CircuitBreaker;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/** The concurrency limit through {@link RedisRateLimiter} against a real Redis. */
class ConcurrencyLimitTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String[] POLICIES = {
        "limiter.policy.slots.concurrency", "2", "limiter.policy.slots.lease-timeout", "1s",
        "limiter.policy.both.concurrency", "2", "limiter.policy.both.limits", "3/1h",
        "limiter.policy.shadow.concurrency", "1", "limiter.policy.shadow.mode", "shadow",
        "limiter.policy.wait.concurrency", "1", "limiter.policy.wait.limits", "1/200ms",
    };

    @BeforeEach
    void flush() {
        try (Jedis jedis = REDIS.server().admin()) {
            jedis.flushAll();
        }
    }

    private static long redisMillis(Jedis jedis) {
        List<String> time = jedis.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }

    @Test
    void aHolderThatNeverReleasesFreesItsSlotAfterTheLeaseTimeoutOnTheRedisClock() throws Exception {
        try (RedisRateLimiter deadNode = TestLimiters.limiter(REDIS.server(), POLICIES);
             RedisRateLimiter liveNode = TestLimiters.limiter(REDIS.server(), POLICIES);
             Jedis jedis = REDIS.server().admin()) {
            assertTrue(deadNode.tryAcquire("slots", "tenant").holdsSlot());
            assertTrue(deadNode.tryAcquire("slots", "tenant").holdsSlot()); // never released: a node that died
            double lastExpiry = jedis.zrangeWithScores("{rate_limit:slots:tenant}:leases", -1, -1).get(0).getScore();
            long earliestExpiry = (long) jedis.zrangeWithScores("{rate_limit:slots:tenant}:leases", 0, 0).get(0).getScore();
            Decision admitted = null;
            for (int polls = 0; polls < 100 && admitted == null; polls++) {
                long before = redisMillis(jedis);
                Decision decision = liveNode.tryAcquire("slots", "tenant");
                long after = redisMillis(jedis);
                if (decision.allowed()) {
                    assertTrue(after >= earliestExpiry, "admitted only once the first lease expired");
                    admitted = decision;
                } else {
                    assertTrue(before < earliestExpiry, "rejected only while both leases lived");
                    assertTrue(decision.retryAfterMillis() >= 1 && decision.retryAfterMillis() <= 1000);
                    assertEquals(0, decision.freeSlots());
                    Thread.sleep(50);
                }
            }
            assertTrue(admitted != null && admitted.holdsSlot());
            assertTrue(lastExpiry - earliestExpiry < 1000);
            liveNode.release(admitted);
        }
    }

    @Test
    void aBucketRejectionTakesNoSlotAndFullSlotsTakeNoToken() {
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), POLICIES)) {
            Decision first = limiter.tryAcquire("both", "alice");
            Decision second = limiter.tryAcquire("both", "alice");
            assertEquals(0, second.freeSlots());
            Decision slotsFull = limiter.tryAcquire("both", "alice");
            assertFalse(slotsFull.allowed());
            assertEquals(1, slotsFull.limitIndex(), "the concurrency limit, after the bucket's one limit");
            assertEquals(Duration.ofSeconds(30), slotsFull.window(), "the lease timeout");
            assertEquals(2, slotsFull.limit());
            assertEquals(1, limiter.peek("both", "bob").remaining() - 2, "another client is untouched");
            limiter.release(first);
            Decision third = limiter.tryAcquire("both", "alice");
            assertTrue(third.allowed(), "full slots took no token: the third of 3/1h is still there");
            assertEquals(0, third.remaining());
            limiter.release(second);
            Decision bucketEmpty = limiter.tryAcquire("both", "alice");
            assertFalse(bucketEmpty.allowed());
            assertEquals(0, bucketEmpty.limitIndex(), "the bucket rejected");
            assertEquals(1, bucketEmpty.freeSlots(), "and took no slot");
            limiter.release(third);
            try (Jedis jedis = REDIS.server().admin()) {
                assertFalse(jedis.exists("{rate_limit:both:alice}:leases"));
            }
        }
    }

    @Test
    void releasingTwiceAnExpiredOrASlotlessDecisionIsHarmless() throws Exception {
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), POLICIES)) {
            Decision held = limiter.tryAcquire("slots", "alice");
            limiter.release(held);
            limiter.release(held);
            Decision other = limiter.tryAcquire("slots", "alice");
            Decision third = limiter.tryAcquire("slots", "alice");
            assertTrue(other.allowed() && third.allowed(), "the double release freed no slot of another call");
            assertFalse(limiter.tryAcquire("slots", "alice").allowed());
            limiter.release(null);
            limiter.release(limiter.tryAcquire("slots", "alice")); // a rejection holds nothing
            Thread.sleep(1100);
            assertDoesNotThrow(() -> limiter.release(other), "expired meanwhile");
            limiter.release(third);
        }
    }

    @Test
    void leaseIdsAreUniquePerAcquisitionAndAcrossNodes() {
        try (RedisRateLimiter nodeA = TestLimiters.limiter(REDIS.server(), POLICIES);
             RedisRateLimiter nodeB = TestLimiters.limiter(REDIS.server(), POLICIES)) {
            Decision a = nodeA.tryAcquire("slots", "alice");
            Decision b = nodeB.tryAcquire("slots", "alice");
            assertNotEquals(a.leaseId(), b.leaseId());
            assertTrue(LeaseIds.idOf(a.leaseId()).length() <= 16, a.leaseId());
            nodeB.release(a); // any node releases any lease
            nodeA.release(b);
            try (Jedis jedis = REDIS.server().admin()) {
                assertFalse(jedis.exists("{rate_limit:slots:alice}:leases"));
            }
        }
    }

    @Test
    void releasedCountsOnlyLiveLeasesAndReleasesOfExpiredOnesCountAsLeasesExpired() {
        LimiterConfig config = TestLimiters.config(REDIS.server(), POLICIES);
        LimiterMetrics metrics = new LimiterMetrics(config.policies().values(), () -> "CLOSED");
        try (RedisRateLimiter limiter = RedisRateLimiter.connect(config, metrics);
             Jedis jedis = REDIS.server().admin()) {
            Decision once = limiter.tryAcquire("slots", "alice");
            Decision outlived = limiter.tryAcquire("slots", "alice");
            limiter.release(once);
            limiter.release(once); // twice: no slot freed the second time
            jedis.zadd("{rate_limit:slots:alice}:leases", 1, LeaseIds.idOf(outlived.leaseId())); // its lease expired long ago
            limiter.release(outlived);
            PolicyStats stats = metrics.stats("slots");
            assertEquals(2, stats.getSlotsAcquired());
            assertEquals(1, stats.getReleased(), "one live lease was freed");
            assertEquals(2, stats.getLeasesExpired(), "the second release and the outlived lease freed nothing");
            assertEquals(0, stats.getReleasesLost());
            assertEquals(0, stats.getInFlight());
        }
    }

    @Test
    void leaseIdsAreRandomPerLeaseSoNoCallerCanGuessItsNeighboursAndReleaseThem() {
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), POLICIES)) {
            Set<String> prefixes = new HashSet<>();
            for (int i = 0; i < 500; i++) {
                Decision held = limiter.tryAcquire("slots", "bob");
                String id = LeaseIds.idOf(held.leaseId());
                assertTrue(id.matches("[A-Za-z0-9_-]{16}"), id);
                prefixes.add(id.substring(0, 6));
                limiter.release(held);
            }
            assertEquals(500, prefixes.size(), "no shared node part: 36 random bits in the first 6 characters alone");
            Decision bobs = limiter.tryAcquire("slots", "bob");
            Decision mallorys = limiter.tryAcquire("slots", "mallory");
            // mallory knows only its own id: under a node id and a counter, bob's was one step from it
            String guess = LeaseIds.idOf(mallorys.leaseId()) + "@bob";
            limiter.release(new Decision("slots", true, 2, Duration.ofSeconds(1), 1, 0, 0, 0, false, false,
                    Decision.DEFAULT_TIER, guess, 1));
            try (Jedis jedis = REDIS.server().admin()) {
                assertEquals(List.of(LeaseIds.idOf(bobs.leaseId())), jedis.zrange("{rate_limit:slots:bob}:leases", 0, -1));
            }
        }
    }

    @Test
    void aReleaseDuringClosesWaitForReservationsStillReachesRedis() throws Exception {
        String[] properties = Arrays.copyOf(POLICIES, POLICIES.length + 2);
        properties[POLICIES.length] = "limiter.policy.slow.limits";
        properties[POLICIES.length + 1] = "1/1h";
        LimiterConfig config = TestLimiters.config(REDIS.server(), properties);
        LimiterMetrics metrics = new LimiterMetrics(config.policies().values(), () -> "CLOSED");
        AtomicReference<Runnable> onRefund = new AtomicReference<>(() -> { });
        DecisionListener releasingOnRefund = new DecisionListener() {
            @Override
            public void decided(Decision decision, String clientKey, DecidedBy decidedBy, long latencyNanos) {
            }

            @Override
            public void refused(String policy, long latencyNanos) {
            }

            @Override
            public void refunded(String policy, int cost, boolean taken) {
                onRefund.get().run(); // on the woken waiter's thread, while close() waits for it
            }
        };
        RedisRateLimiter limiter = RedisRateLimiter.connect(config, metrics.andThen(releasingOnRefund));
        Decision held = limiter.tryAcquire("both", "alice");
        onRefund.set(() -> limiter.release(held));
        assertTrue(limiter.tryAcquire("slow", "bob").allowed());
        Thread waiter = new Thread(() -> limiter.acquire("slow", "bob", 1, Duration.ofHours(1)));
        waiter.start();
        while (waiter.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        limiter.close();
        waiter.join();
        try (Jedis jedis = REDIS.server().admin()) {
            assertFalse(jedis.exists("{rate_limit:both:alice}:leases"), "the slot went back before the connections closed");
        }
        assertEquals(1, metrics.stats("both").getReleased());
        assertEquals(0, metrics.stats("both").getReleasesLost());
    }

    @Test
    void aLeaseKeyOfAnotherTypeIsARejectionNotARedisFailure() {
        String[] properties = Arrays.copyOf(POLICIES, POLICIES.length + 2);
        properties[POLICIES.length] = "limiter.circuit.failure-threshold";
        properties[POLICIES.length + 1] = "1";
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), properties);
             Jedis jedis = REDIS.server().admin()) {
            jedis.hset("{rate_limit:both:alice}:leases", "field", "of another application");
            for (int i = 0; i < 3; i++) {
                Decision rejected = limiter.tryAcquire("both", "alice");
                assertFalse(rejected.allowed());
                assertEquals(1, rejected.limitIndex(), "by the concurrency limit");
                assertEquals(30_000, rejected.retryAfterMillis(), "after the lease timeout");
            }
            assertEquals(CircuitBreaker.State.CLOSED, limiter.circuitState());
            assertTrue(limiter.tryAcquire("both", "bob").allowed(), "other clients are untouched");
        }
    }

    @Test
    void malformedLeaseIdsAreRefusedBeforeRedisIsAskedAndNeverOpenTheCircuit() {
        String[] properties = Arrays.copyOf(POLICIES, POLICIES.length + 2);
        properties[POLICIES.length] = "limiter.circuit.failure-threshold";
        properties[POLICIES.length + 1] = "1";
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), properties)) {
            String real = limiter.tryAcquire("slots", "alice").leaseId();
            String id = LeaseIds.idOf(real);
            for (String hostile : List.of("a\tb", "x@alice", id + "@", "@alice", id + "@alice bob", id + "@{x}",
                    "~~" + id + "@alice", id + " x@alice", id + "\n@alice", id + "@alice\n", "-@alice",
                    id.substring(1) + "@alice")) {
                Decision forged = new Decision("slots", true, 2, Duration.ofSeconds(1), 1, 0, 0, 0, false, false,
                        Decision.DEFAULT_TIER, hostile, 1);
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                        () -> limiter.release(forged), hostile);
                assertTrue(refused.getMessage().contains("not a lease id of this limiter"), refused.getMessage());
            }
            assertEquals(CircuitBreaker.State.CLOSED, limiter.circuitState());
            try (Jedis jedis = REDIS.server().admin()) {
                assertEquals(1, jedis.zcard("{rate_limit:slots:alice}:leases"), "the real lease is untouched");
            }
        }
    }

    @Test
    void hostileClientKeysReachRedisHashedInTheLeaseKeyToo() {
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), POLICIES);
             Jedis jedis = REDIS.server().admin()) {
            Decision hostile = limiter.tryAcquire("slots", "}{x}:leases\r\n");
            Decision lookalike = limiter.tryAcquire("slots", "alice:leases");
            assertTrue(hostile.holdsSlot() && lookalike.holdsSlot());
            assertTrue(jedis.keys("*").stream().allMatch(key -> key.equals("{rate_limit:slots:alice:leases}:leases")
                    || key.matches("\\{rate_limit:slots:#[A-Za-z0-9_-]{43}}:leases")), jedis.keys("*").toString());
            assertThrows(IllegalArgumentException.class, () -> limiter.release(new Decision("slots", true, 2,
                    Duration.ofSeconds(1), 1, 0, 0, 0, false, false, "", "x@{evil}", 1)));
            limiter.release(hostile);
            limiter.release(lookalike);
            assertTrue(jedis.keys("*").isEmpty());
        }
    }

    @Test
    void theDenyCacheNeverLearnsAConcurrencyRejection() {
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), POLICIES)) {
            Decision a = limiter.tryAcquire("slots", "alice");
            Decision b = limiter.tryAcquire("slots", "alice");
            assertFalse(limiter.tryAcquire("slots", "alice").allowed());
            limiter.release(a);
            assertTrue(limiter.tryAcquire("slots", "alice").allowed(), "at once, not after a remembered retry-after");
            assertEquals(0, limiter.localDenials());
            limiter.release(b);
        }
    }

    @Test
    void inShadowModeACallOverTheLimitProceedsWithoutASlot() {
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), POLICIES)) {
            Decision held = limiter.tryAcquire("shadow", "alice");
            Decision over = limiter.tryAcquire("shadow", "alice");
            assertTrue(over.allowed());
            assertTrue(over.shadowRejected());
            assertNull(over.leaseId());
            limiter.release(over);
            assertFalse(limiter.peek("shadow", "alice").allowed(), "the held slot is still held");
            limiter.release(held);
            assertTrue(limiter.peek("shadow", "alice").allowed());
        }
    }

    @Test
    void aReservationWaitsOnlyForTokensAndHoldsItsSlotFromTheStart() {
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), POLICIES)) {
            Decision first = limiter.acquire("wait", "alice", 1, Duration.ofSeconds(1));
            assertTrue(first.holdsSlot());
            Decision slotsFull = limiter.acquire("wait", "alice", 1, Duration.ofSeconds(1));
            assertFalse(slotsFull.allowed(), "no waiting for a slot");
            assertEquals(1, slotsFull.limitIndex());
            limiter.release(first);
            Decision waited = limiter.acquire("wait", "alice", 1, Duration.ofSeconds(1));
            assertTrue(waited.allowed(), "waited for the token of 1/200ms");
            assertTrue(waited.holdsSlot());
            limiter.release(waited);
        }
    }

    @Test
    void anInterruptedReservationGivesItsSlotBack() {
        try (RedisRateLimiter limiter = TestLimiters.limiter(REDIS.server(), "limiter.policy.wait.concurrency", "1",
                "limiter.policy.wait.limits", "1/10s")) {
            assertTrue(limiter.tryAcquire("wait", "alice").allowed()); // the token is gone; its slot is held
            try (Jedis jedis = REDIS.server().admin()) {
                jedis.del("{rate_limit:wait:alice}:leases"); // the slot is free again, the token still owed
            }
            Thread waiter = Thread.currentThread();
            Thread interrupter = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                waiter.interrupt();
            });
            interrupter.start();
            Decision interrupted = limiter.acquire("wait", "alice", 1, Duration.ofSeconds(20));
            assertTrue(Thread.interrupted());
            assertFalse(interrupted.allowed());
            assertNull(interrupted.leaseId());
            try (Jedis jedis = REDIS.server().admin()) {
                assertFalse(jedis.exists("{rate_limit:wait:alice}:leases"), "the reservation's slot was released");
            }
        }
    }

    @Test
    void onFailureLocalHoldsThisNodesShareOfTheSlotsUntilReleased() {
        LimiterConfig config = LimiterConfigReader.read(ConfigValues.of(java.util.Map.of(
                "limiter.policy.local.concurrency", "3", "limiter.policy.local.on-failure", "local",
                "limiter.local.nodes", "2",
                "limiter.policy.open.concurrency", "1", "limiter.policy.open.on-failure", "open")));
        try (RedisRateLimiter limiter = new RedisRateLimiter(config, new DeadRedis())) {
            Decision a = limiter.tryAcquire("local", "alice");
            Decision b = limiter.tryAcquire("local", "alice");
            assertTrue(a.holdsSlot() && b.holdsSlot(), "ceil(3 / 2) = 2 slots on this node");
            Decision c = limiter.tryAcquire("local", "alice");
            assertFalse(c.allowed());
            assertEquals(2, c.limit());
            assertEquals(0, c.limitIndex());
            limiter.release(a);
            assertTrue(limiter.tryAcquire("local", "alice").holdsSlot());
            for (int i = 0; i < 5; i++) {
                Decision open = limiter.tryAcquire("open", "alice");
                assertTrue(open.allowed(), "open admits every call");
                assertNull(open.leaseId(), "and holds no slot");
            }
        }
    }
}
