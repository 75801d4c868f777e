package io.jakartaredis.limiter.demo.it.concurrency;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/** Calls held until the test opens their group's gate, and how many are in flight per group. */
@ApplicationScoped
public class HeldCalls {

    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    /** Holds the calling thread until {@link #open} (at most 30 s); counted in flight meanwhile. */
    public String hold(String group) throws InterruptedException {
        AtomicInteger count = inFlight.computeIfAbsent(group, g -> new AtomicInteger());
        count.incrementAndGet();
        try {
            boolean opened = gate(group).await(30, TimeUnit.SECONDS);
            return opened ? "done" : "timed out";
        } finally {
            count.decrementAndGet();
        }
    }

    public void open(String group) {
        gate(group).countDown();
    }

    public int inFlight(String group) {
        AtomicInteger count = inFlight.get(group);
        return count == null ? 0 : count.get();
    }

    private CountDownLatch gate(String group) {
        return gates.computeIfAbsent(group, g -> new CountDownLatch(1));
    }
}
