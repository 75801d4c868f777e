package io.jakartaredis.limiter.resilience;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate's wait when every connection is taken: bounded for an interrupted caller as for any other, and
 * the flag restored whatever the outcome. Timing tolerances are generous (a loaded machine): the bound is
 * 300 ms, a timeout must take at least that and less than 300 ms + 2 s.
 */
class ConnectionGateTest {

    private static final Duration WAIT = Duration.ofMillis(300);

    @AfterEach
    void clearFlag() {
        Thread.interrupted();
    }

    @Test
    void anInterruptedCallerWaitsTheWholeBoundThenTimesOutWithItsFlagSet() {
        ConnectionGate gate = new ConnectionGate(1, WAIT);
        assertTrue(gate.tryEnter());
        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        boolean entered = gate.tryEnter();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(entered, "the only connection is taken");
        assertTrue(elapsedMillis >= 300 && elapsedMillis < 2_300, "waited " + elapsedMillis + " ms");
        assertTrue(Thread.currentThread().isInterrupted(), "the flag is restored");
    }

    @Test
    void aCallerInterruptedDuringTheWaitGetsAConnectionReleasedWithinTheBound() throws Exception {
        ConnectionGate gate = new ConnectionGate(1, Duration.ofSeconds(10));
        assertTrue(gate.tryEnter());
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> flagAfter = new CompletableFuture<>();
        CompletableFuture<Boolean> entered = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            started.countDown();
            entered.complete(gate.tryEnter());
            flagAfter.complete(Thread.currentThread().isInterrupted());
        });
        caller.start();
        started.await();
        TimeUnit.MILLISECONDS.sleep(200);
        caller.interrupt(); // during the wait: it must keep waiting
        TimeUnit.MILLISECONDS.sleep(200);
        assertFalse(entered.isDone(), "the interrupt ended the wait");
        gate.leave();
        assertTrue(entered.get(5, TimeUnit.SECONDS), "the released connection");
        assertTrue(flagAfter.get(5, TimeUnit.SECONDS), "the flag is restored");
    }

    @Test
    void aCallerInterruptedDuringTheWaitTimesOutAfterTheBound() throws Exception {
        ConnectionGate gate = new ConnectionGate(1, WAIT);
        assertTrue(gate.tryEnter());
        CompletableFuture<Long> elapsed = new CompletableFuture<>();
        CompletableFuture<Boolean> flagAfter = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            long start = System.nanoTime();
            boolean entered = gate.tryEnter();
            elapsed.complete(entered ? -1 : (System.nanoTime() - start) / 1_000_000);
            flagAfter.complete(Thread.currentThread().isInterrupted());
        });
        caller.start();
        TimeUnit.MILLISECONDS.sleep(100);
        caller.interrupt();
        long elapsedMillis = elapsed.get(5, TimeUnit.SECONDS);
        assertTrue(elapsedMillis >= 300 && elapsedMillis < 2_300, "waited " + elapsedMillis + " ms (-1: entered)");
        assertTrue(flagAfter.get(5, TimeUnit.SECONDS), "the flag is restored");
    }
}
