package io.jakartaredis.limiter.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.core.RefundAfterOutcome;

/**
 * What the rules of one request give back when it ends: the tokens of a rule whose
 * {@code refund-status} lists the response's status, and every concurrency slot, whatever the
 * status (also a 429 or 503 of a later rule, and a 500 of an exception). Only tokens that were
 * taken in Redis are listed: a shadow rejection or a failure policy's admission took none.
 */
final class ResponseRefunds {

    /** What one rule took, under the key and tier it took it with. */
    private record Taken(WebRule rule, String key, String tier) {
    }

    /** A rule's decision that holds a concurrency slot. */
    private record Held(WebRule rule, Decision decision) {
    }

    private final List<Taken> taken = new ArrayList<>(1);
    private final List<Held> slots = new ArrayList<>(1);
    /** A request is settled once, whichever of the chain, the listener or a listener added twice comes first. */
    private final AtomicBoolean settled = new AtomicBoolean();

    void add(WebRule rule, String key, String tier) {
        taken.add(new Taken(rule, key, tier));
    }

    /** A rule's admitted decision that holds a concurrency slot, released when the request ends. */
    void hold(WebRule rule, Decision decision) {
        slots.add(new Held(rule, decision));
    }

    boolean isEmpty() {
        return taken.isEmpty() && slots.isEmpty();
    }

    /**
     * Refunds what the rules that list this status took, then releases every slot, the first time
     * only; a refund or release that fails, with any exception or error short of the JVM's own, is
     * logged, never thrown.
     */
    void settle(int status, RateLimiter limiter) {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        for (Taken each : taken) {
            if (!each.rule().refundStatus().contains(status)) {
                continue;
            }
            RefundAfterOutcome.refund(limiter, each.rule().policy().name(), each.tier(), each.key(), each.rule().cost(),
                    "rule " + each.rule().name() + " after status " + status);
        }
        for (Held each : slots) {
            RefundAfterOutcome.release(limiter, each.decision(), "rule " + each.rule().name() + " after status " + status);
        }
    }
}
