package io.jakartaredis.limiter.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiterUnavailableException;

/**
 * Many threads asking one limiter until stopped, each call recorded: when it started, how long it
 * took, and whether Redis, the failure policy or an exception answered. Also the limiter's
 * {@link DecisionListener}, to learn which decisions were made without Redis. Each thread pauses
 * {@link #PAUSE_NANOS} between calls, as request threads do: threads spinning on two cores, and
 * millions of records, would measure the scheduler and the garbage collector instead.
 */
final class LoadRun implements DecisionListener, AutoCloseable {

    enum Outcome { ALLOWED, REJECTED, REFUSED }

    /** One call: start in ns since the run began, latency in ns. */
    record Call(long startNanos, long latencyNanos, Outcome outcome, boolean withoutRedis, String key) {
    }

    static final long PAUSE_NANOS = 500_000;

    private final long origin = System.nanoTime();
    private final ThreadLocal<Boolean> lastWithoutRedis = new ThreadLocal<>();
    private final List<Call> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sequence = new AtomicLong();
    private final List<Future<?>> workers = new ArrayList<>();
    private ExecutorService threads;

    @Override
    public void decided(Decision decision, String clientKey, DecidedBy decidedBy, long latencyNanos) {
        lastWithoutRedis.set(decidedBy == DecidedBy.FAILURE_POLICY);
    }

    @Override
    public void refused(String policy, long latencyNanos) {
        lastWithoutRedis.set(true);
    }

    /** Starts {@code threadCount} threads calling {@code policy}, each with keys {@code <thread>-<n % keysPerThread>}. */
    void start(RedisRateLimiter limiter, String policy, int threadCount, int keysPerThread) {
        threads = Executors.newFixedThreadPool(threadCount);
        for (int t = 0; t < threadCount; t++) {
            String prefix = "t" + t + "-";
            workers.add(threads.submit(() -> {
                while (running.get()) {
                    call(limiter, policy, prefix + (sequence.incrementAndGet() % keysPerThread));
                    LockSupport.parkNanos(PAUSE_NANOS);
                }
            }));
        }
    }

    private void call(RedisRateLimiter limiter, String policy, String key) {
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = limiter.tryAcquire(policy, key).allowed() ? Outcome.ALLOWED : Outcome.REJECTED;
        } catch (RateLimiterUnavailableException e) {
            outcome = Outcome.REFUSED;
        }
        long end = System.nanoTime();
        calls.add(new Call(start - origin, end - start, outcome, Boolean.TRUE.equals(lastWithoutRedis.get()), key));
    }

    /** Nanoseconds since the run began, to compare with {@link Call#startNanos()}. */
    long now() {
        return System.nanoTime() - origin;
    }

    /** Stops the threads and waits for them: a deadlock fails here. */
    List<Call> stop() throws Exception {
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get(10, TimeUnit.SECONDS);
        }
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    static long maxLatencyMillis(List<Call> calls) {
        return calls.stream().mapToLong(Call::latencyNanos).max().orElse(0) / 1_000_000;
    }

    static java.util.Map<String, Long> count(List<Call> calls, java.util.function.Predicate<Call> which) {
        java.util.Map<String, Long> byKey = new ConcurrentHashMap<>();
        calls.stream().filter(which).forEach(c -> byKey.merge(c.key(), 1L, Long::sum));
        return byKey;
    }

    @Override
    public void close() {
        running.set(false);
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
