package io.jakartaredis.limiter.demo.it.shadow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.jakartaredis.limiter.RateLimitRejected;

/** Counts the {@link RateLimitRejected} events per policy, shadow ones apart. */
@ApplicationScoped
public class RejectionCounter {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    void onRejected(@Observes RateLimitRejected rejected) {
        String name = rejected.decision().policy() + (rejected.shadow() ? " shadow" : " enforced");
        counts.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }

    int count(String policy, boolean shadow) {
        AtomicInteger count = counts.get(policy + (shadow ? " shadow" : " enforced"));
        return count == null ? 0 : count.get();
    }
}
