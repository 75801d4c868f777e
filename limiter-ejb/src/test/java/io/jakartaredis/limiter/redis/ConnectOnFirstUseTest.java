package io.jakartaredis.limiter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Building the executor on first use: failures become unavailability, one builder at a time, built once. */
class ConnectOnFirstUseTest {

    private static final LuaScript SCRIPT = new LuaScript("one.lua", "return 1", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db");

    /** Answers every call with "ran"; counts closes. */
    private static final class Answering implements ScriptExecutor {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void load(LuaScript script) {
        }

        @Override
        public Object runReadOnly(LuaScript script, List<String> keys, List<String> args) {
            return run(script, keys, args);
        }

        @Override
        public Object run(LuaScript script, List<String> keys, List<String> args) {
            return "ran";
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void anUnreachableRedisIsUnavailableUntilItAnswersThenTheExecutorIsBuiltOnce() {
        AtomicInteger attempts = new AtomicInteger();
        Answering answering = new Answering();
        ConnectOnFirstUse executor = new ConnectOnFirstUse("cluster via a:1", () -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new JedisConnectionException("Could not initialize cluster slots cache.");
            }
            return answering;
        }, SecretScrubber.NONE);

        var first = assertThrows(RateLimiterUnavailableException.class, () -> executor.run(SCRIPT, List.of("k"), List.of()));
        assertEquals("cannot connect to cluster via a:1: Could not initialize cluster slots cache.", first.getMessage());
        assertThrows(RateLimiterUnavailableException.class, () -> executor.load(SCRIPT));
        assertEquals("ran", executor.run(SCRIPT, List.of("k"), List.of()));
        assertEquals("ran", executor.run(SCRIPT, List.of("k"), List.of()));
        assertEquals(3, attempts.get(), "built once it could be");

        executor.close();
        assertEquals(1, answering.closes.get());
    }

    @Test
    void whileOneCallerConnectsTheOthersFailAtOnce() throws Exception {
        CountDownLatch connecting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConnectOnFirstUse executor = new ConnectOnFirstUse("sentinel master 'm' via s:1", () -> {
            connecting.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Answering();
        }, SecretScrubber.NONE);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<Object> builder = threads.submit(() -> executor.run(SCRIPT, List.of("k"), List.of()));
            assertTrue(connecting.await(5, TimeUnit.SECONDS));
            var other = assertThrows(RateLimiterUnavailableException.class, () -> executor.run(SCRIPT, List.of("k"), List.of()));
            assertEquals("still connecting to sentinel master 'm' via s:1", other.getMessage());
            release.countDown();
            assertEquals("ran", builder.get(5, TimeUnit.SECONDS));
            assertEquals("ran", executor.run(SCRIPT, List.of("k"), List.of()));
        } finally {
            threads.shutdownNow();
            executor.close();
        }
    }

    @Test
    void afterCloseEveryCallIsUnavailableSoThatTheFailurePolicyDecides() {
        Answering answering = new Answering();
        ConnectOnFirstUse connectedOnce = new ConnectOnFirstUse("cluster via a:1", () -> answering, SecretScrubber.NONE);
        assertEquals("ran", connectedOnce.run(SCRIPT, List.of("k"), List.of()));
        connectedOnce.close();
        ConnectOnFirstUse neverConnected = new ConnectOnFirstUse("sentinel master 'm' via s:1", Answering::new, SecretScrubber.NONE);
        neverConnected.close();

        // before: IllegalStateException("closed") when never connected, the closed client's own failure otherwise
        assertEquals("the client of cluster via a:1 is closed: the application is stopping",
                assertThrows(RateLimiterUnavailableException.class, () -> connectedOnce.run(SCRIPT, List.of("k"), List.of())).getMessage());
        assertEquals("the client of sentinel master 'm' via s:1 is closed: the application is stopping",
                assertThrows(RateLimiterUnavailableException.class, () -> neverConnected.run(SCRIPT, List.of("k"), List.of())).getMessage());
        assertThrows(RateLimiterUnavailableException.class, () -> neverConnected.load(SCRIPT));
    }
}
