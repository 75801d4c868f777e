package io.jakartaredis.limiter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import redis.clients.jedis.Jedis;

/**
 * Two limiter instances with separate pools ("nodes") × 32 threads on one key under
 * {@code concurrency=4}, each admitted call holding its slot 50 ms and each rejected one backing
 * off 1 to 5 ms: until 1,000 calls were admitted (4 slots of 50 ms admit at most 80 a second, so
 * about 13 s, and well over 10,000 calls answered in all), never more than 4 holders at any instant, by the test's count and by {@code ZCARD}
 * of the lease key sampled meanwhile, all 4 slots used, and no slot left behind.
 */
class ConcurrencyLimitAcrossNodesTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int SLOTS = 4;
    private static final int THREADS_PER_NODE = 32;
    private static final int ADMITTED_CALLS = 1_000;
    private static final String LEASES = "{rate_limit:conc:tenant}:leases";

    @Test
    void neverMoreThanTheSlotsInFlightAndNoSlotLeaked() throws Exception {
        String[] properties = {"limiter.policy.conc.concurrency", Integer.toString(SLOTS),
                "limiter.policy.conc.limits", "1000000/1s", "limiter.redis.pool.max-total", "40"};
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger highWater = new AtomicInteger();
        AtomicInteger admissionsLeft = new AtomicInteger(ADMITTED_CALLS);
        AtomicInteger mostLeasesSeen = new AtomicInteger();
        AtomicInteger samples = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_NODE + 1);
        try (RedisRateLimiter nodeA = TestLimiters.limiter(REDIS.server(), properties);
             RedisRateLimiter nodeB = TestLimiters.limiter(REDIS.server(), properties)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 2 * THREADS_PER_NODE; t++) {
                RedisRateLimiter node = t % 2 == 0 ? nodeA : nodeB;
                running.add(threads.submit(() -> {
                    start.await();
                    while (admissionsLeft.get() > 0) {
                        Decision decision = node.tryAcquire("conc", "tenant");
                        if (!decision.allowed()) {
                            if (decision.limitIndex() != 1 || decision.limit() != SLOTS || decision.holdsSlot()) {
                                throw new AssertionError("not a rejection by the concurrency limit: " + decision);
                            }
                            rejected.incrementAndGet();
                            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 6)); // back off, as a client would
                            continue;
                        }
                        admitted.incrementAndGet();
                        admissionsLeft.decrementAndGet();
                        try {
                            highWater.accumulateAndGet(holders.incrementAndGet(), Math::max);
                            Thread.sleep(50);
                        } finally {
                            holders.decrementAndGet();
                            node.release(decision);
                        }
                    }
                    return null;
                }));
            }
            Future<?> sampler = threads.submit(() -> {
                try (Jedis jedis = REDIS.server().admin()) {
                    start.await();
                    while (admissionsLeft.get() > 0) {
                        mostLeasesSeen.accumulateAndGet((int) jedis.zcard(LEASES), Math::max);
                        samples.incrementAndGet();
                        Thread.sleep(1);
                    }
                }
                return null;
            });
            start.countDown();
            for (Future<?> each : running) {
                each.get(5, TimeUnit.MINUTES);
            }
            sampler.get(1, TimeUnit.MINUTES);
        } finally {
            threads.shutdownNow();
        }
        assertTrue(highWater.get() <= SLOTS, "at most " + SLOTS + " holders at once, saw " + highWater.get());
        assertEquals(SLOTS, highWater.get(), "and the slots were used");
        assertTrue(admitted.get() >= ADMITTED_CALLS, "admitted " + admitted.get() + " acquire/release pairs");
        assertTrue(rejected.get() > 0, "the slots were contended");
        assertTrue(admitted.get() + rejected.get() >= 10_000, "every one of at least 10,000 calls answered, "
                + admitted.get() + " admitted and " + rejected.get() + " rejected");
        assertTrue(samples.get() > 1_000, "sampled " + samples.get() + " times");
        assertTrue(mostLeasesSeen.get() <= SLOTS, "at most " + SLOTS + " leases in Redis, saw " + mostLeasesSeen.get());
        try (Jedis jedis = REDIS.server().admin()) {
            assertEquals(0, jedis.zcard(LEASES));
            assertFalse(jedis.exists(LEASES), "no slot leaked: the lease key is gone");
        }
    }
}
