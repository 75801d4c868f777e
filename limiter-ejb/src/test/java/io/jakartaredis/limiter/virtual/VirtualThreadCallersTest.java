package io.jakartaredis.limiter.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.TestLimiters;
import io.jakartaredis.limiter.core.DecidedBy;
import io.jakartaredis.limiter.core.DecisionListener;
import io.jakartaredis.limiter.core.RedisRateLimiter;
import io.jakartaredis.limiter.testkit.RedisServerExtension;
import jdk.jfr.consumer.RecordedEvent;

/**
 * A thousand virtual threads decide at once through a pool of eight connections to a real Redis.
 * The surefire execution {@code virtual-threads} runs this class on the JDK at {@code jdk25.home}
 * with a scheduler of two carrier threads that never grows: a caller that kept its carrier while it
 * waited for a connection or for Redis would starve the callers that hold the connections, and the
 * burst would not finish. Every decision is Redis's (no failure policy, no deny cache), so the
 * admitted count is exact, and JFR sees no virtual thread pinned for 20 ms or more.
 */
class VirtualThreadCallersTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int CALLERS = 1_000;
    private static final int CONNECTIONS = 8;
    private static final int CAPACITY = 300;
    private static final Duration PIN_THRESHOLD = Duration.ofMillis(20);
    /** Far beyond a burst's time on a busy machine (well under a second), far below a hung build. */
    private static final Duration DEADLOCK = Duration.ofSeconds(60);

    private static final CountingListener LISTENER = new CountingListener();
    private static RedisRateLimiter limiter;

    /** What one caller saw. */
    private record Outcome(boolean onVirtualThread, boolean allowed, Throwable failure) {
    }

    /** Counts decisions by who made them, and refusals of the failure policy {@code closed}. */
    private static final class CountingListener implements DecisionListener {
        final Map<DecidedBy, LongAdder> decidedBy = new ConcurrentHashMap<>();
        final LongAdder refused = new LongAdder();

        @Override
        public void decided(Decision decision, String clientKey, DecidedBy by, long latencyNanos) {
            decidedBy.computeIfAbsent(by, b -> new LongAdder()).increment();
        }

        @Override
        public void refused(String policy, long latencyNanos) {
            refused.increment();
        }

        long decisionsBy(DecidedBy by) {
            LongAdder count = decidedBy.get(by);
            return count == null ? 0 : count.sum();
        }

        void reset() {
            decidedBy.clear();
            refused.reset();
        }
    }

    @BeforeAll
    static void connect() {
        assumeTrue(VirtualThreads.available(), "virtual threads need Java 21+; the execution virtual-threads runs this on jdk25.home");
        limiter = RedisRateLimiter.connect(TestLimiters.config(REDIS.server(),
                "limiter.policy.burst.limits", CAPACITY + "/1h",
                "limiter.redis.pool.max-total", String.valueOf(CONNECTIONS),
                // A caller may wait its turn for a connection as long as the burst takes: a decision of the
                // failure policy would hide a starved pool instead of showing it.
                "limiter.redis.pool.max-wait", "30s",
                "limiter.redis.timeout", "5s",
                "limiter.on-failure", "closed",
                "limiter.deny-cache.enabled", "false"), LISTENER);
        initializeTheJdksPollerOnce();
    }

    /**
     * The JDK initializes its socket poller for virtual threads the first time one of them waits for
     * a socket in the JVM; virtual threads that wait for a socket meanwhile wait for that class
     * initialization pinned (JFR: "Waited for initialization of sun.nio.ch.Poller by another
     * thread"), once per JVM, whatever the code. A virtual thread that waits for a byte first keeps
     * that out of the measured bursts.
     */
    private static void initializeTheJdksPollerOnce() {
        ExecutorService thread = VirtualThreads.newPerTaskExecutor();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<Integer> read = thread.submit(() -> {
                try (Socket socket = new Socket(server.getInetAddress(), server.getLocalPort())) {
                    return socket.getInputStream().read();
                }
            });
            try (Socket accepted = server.accept()) {
                Thread.sleep(50);
                accepted.getOutputStream().write(1);
                assertEquals(1, read.get(DEADLOCK.toSeconds(), TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            throw new IllegalStateException("a virtual thread could not wait for a socket", e);
        } finally {
            thread.shutdown();
        }
    }

    @AfterAll
    static void close() {
        if (limiter != null) {
            limiter.close();
        }
    }

    @RepeatedTest(5)
    void aThousandVirtualThreadsOnEightConnectionsAdmitExactlyTheCapacityWithoutPinning(RepetitionInfo repetition)
            throws Exception {
        LISTENER.reset();
        List<Outcome> outcomes;
        List<RecordedEvent> pinned;
        try (PinnedThreads recording = PinnedThreads.record(PIN_THRESHOLD)) {
            outcomes = burst("client-" + repetition.getCurrentRepetition());
            pinned = recording.stop();
        }
        assertEquals(List.of(), outcomes.stream().filter(o -> o.failure() != null).map(Outcome::failure).toList(),
                "every call is decided");
        assertEquals(CALLERS, outcomes.stream().filter(Outcome::onVirtualThread).count(), "callers on virtual threads");
        assertEquals(CAPACITY, outcomes.stream().filter(Outcome::allowed).count(), "admitted of " + CALLERS);
        assertEquals(CALLERS, LISTENER.decisionsBy(DecidedBy.REDIS), "decisions of Redis");
        assertEquals(0, LISTENER.decisionsBy(DecidedBy.FAILURE_POLICY) + LISTENER.refused.sum(),
                "decisions or refusals of the failure policy");
        assertEquals("", PinnedThreads.describe(pinned), "virtual threads pinned for " + PIN_THRESHOLD.toMillis() + " ms or more");
    }

    /** The probe itself: a virtual thread that sleeps in a class initializer stays on its carrier, even on JDK 24+. */
    @Test
    void theRecordingSeesAVirtualThreadThatBlocksWhilePinned() throws Exception {
        List<RecordedEvent> pinned;
        try (PinnedThreads recording = PinnedThreads.record(PIN_THRESHOLD)) {
            ExecutorService threads = VirtualThreads.newPerTaskExecutor();
            threads.submit(SlowlyInitialized::touch).get(DEADLOCK.toSeconds(), TimeUnit.SECONDS);
            threads.shutdown();
            pinned = recording.stop();
        }
        assertEquals(1, pinned.size(), "pinned events:\n" + PinnedThreads.describe(pinned));
        assertTrue(pinned.get(0).getDuration().compareTo(SlowlyInitialized.SLEEP) >= 0, PinnedThreads.describe(pinned));
        assertTrue(PinnedThreads.describe(pinned).contains(SlowlyInitialized.class.getName() + ".<clinit>"),
                PinnedThreads.describe(pinned));
    }

    /** Blocks in its static initializer, where a virtual thread cannot unmount. */
    private static final class SlowlyInitialized {
        static final Duration SLEEP = Duration.ofMillis(100);

        static {
            try {
                Thread.sleep(SLEEP.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {
        }
    }

    /** CALLERS virtual threads, released together, one decision each; fails when they do not all finish. */
    private static List<Outcome> burst(String client) throws Exception {
        ExecutorService threads = VirtualThreads.newPerTaskExecutor();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < CALLERS; i++) {
                futures.add(threads.submit(() -> decide(start, client)));
            }
            long began = System.nanoTime();
            start.countDown();
            threads.shutdown();
            boolean finished = threads.awaitTermination(DEADLOCK.toSeconds(), TimeUnit.SECONDS);
            long unfinished = futures.stream().filter(f -> !f.isDone()).count();
            assertTrue(finished, unfinished + " of " + CALLERS + " callers still waiting after " + DEADLOCK.toSeconds()
                    + " s: the pool or the carriers are stuck");
            System.out.printf("%d decisions on virtual threads in %d ms%n", CALLERS,
                    Duration.ofNanos(System.nanoTime() - began).toMillis());
        } finally {
            threads.shutdownNow();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get());
        }
        return outcomes;
    }

    private static Outcome decide(CountDownLatch start, String client) throws InterruptedException {
        start.await();
        boolean virtual = VirtualThreads.isVirtual(Thread.currentThread());
        try {
            return new Outcome(virtual, limiter.tryAcquire("burst", client).allowed(), null);
        } catch (RuntimeException e) {
            return new Outcome(virtual, false, e);
        }
    }
}
