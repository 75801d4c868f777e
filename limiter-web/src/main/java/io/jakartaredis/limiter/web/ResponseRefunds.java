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

    /** What one rule took, under the key it took it with. */
    private record Taken(WebRule rule, String key) {
    }

    private final List<Taken> taken = new ArrayList<>(1);
    /** The decisions that hold a concurrency slot, with the rule that took it. */
    private final List<Taken> holding = new ArrayList<>(1);
    private final List<Decision> slots = new ArrayList<>(1);
    /** A request is settled once, whichever of the chain, the listener or a listener added twice comes first. */
    private final AtomicBoolean settled = new AtomicBoolean();

    void add(WebRule rule, String key) {
        taken.add(new Taken(rule, key));
    }

    /** A rule's admitted decision that holds a concurrency slot, released when the request ends. */
    void hold(WebRule rule, String key, Decision decision) {
        holding.add(new Taken(rule, key));
        slots.add(decision);
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
            RefundAfterOutcome.refund(limiter, each.rule().policy().name(), each.key(), each.rule().cost(),
                    "rule " + each.rule().name() + " after status " + status);
        }
        for (int i = 0; i < slots.size(); i++) {
            RefundAfterOutcome.release(limiter, slots.get(i), "rule " + holding.get(i).rule().name() + " after status " + status);
        }
    }
}
