package io.jakartaredis.limiter.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.core.RefundAfterOutcome;

/**
 * The tokens that the rules of one request took and give back when the response's status is one
 * of the rule's {@code refund-status}. Only tokens that were taken in Redis are listed: a shadow
 * rejection or a failure policy's admission took none.
 */
final class ResponseRefunds {

    /** What one rule took, under the key and tier it took it with. */
    private record Taken(WebRule rule, String key, String tier) {
    }

    private final List<Taken> taken = new ArrayList<>(1);
    /** A request is settled once, whichever of the chain, the listener or a listener added twice comes first. */
    private final AtomicBoolean settled = new AtomicBoolean();

    void add(WebRule rule, String key, String tier) {
        taken.add(new Taken(rule, key, tier));
    }

    boolean isEmpty() {
        return taken.isEmpty();
    }

    /**
     * Refunds what the rules that list this status took, the first time only; a refund that
     * fails, with any exception or error short of the JVM's own, is logged, never thrown.
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
    }
}
