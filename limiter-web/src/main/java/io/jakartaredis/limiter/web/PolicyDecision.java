package io.jakartaredis.limiter.web;

import java.util.List;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.config.PolicyConfig;

/**
 * A decision together with the policy it was taken under, which names its quota items.
 *
 * @param policy   the policy, with all its limits
 * @param decision the decision, describing the policy's tightest limit
 */
record PolicyDecision(PolicyConfig policy, Decision decision) {

    /**
     * Which limit of the policy the decision describes. A decision carries the capacity and window
     * of its tightest limit; two limits alike in both are interchangeable, so the first is named.
     */
    int limitIndex() {
        List<Limit> limits = policy.limits();
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            if (limit.tokens() == decision.limit() && limit.window().equals(decision.window())) {
                return i;
            }
        }
        // The decision came from this very policy; should a reload ever change the limits in
        // between, naming the first limit still yields valid fields.
        return 0;
    }

    Limit limit() {
        return policy.limits().get(limitIndex());
    }

    /** The quota item of the decision's tightest limit, e.g. {@code api-2}. */
    String itemName() {
        return QuotaFields.itemName(policy, limitIndex());
    }
}
