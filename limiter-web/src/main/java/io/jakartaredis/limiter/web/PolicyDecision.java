package io.jakartaredis.limiter.web;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.PolicyConfig;

/**
 * A decision together with the policy it was taken under, which names its quota items.
 *
 * @param policy   the policy, with all its limits
 * @param decision the decision, describing the policy's tightest limit
 */
record PolicyDecision(PolicyConfig policy, Decision decision) {

    /**
     * Which limit of the policy the decision describes, as the decision says: the index after the
     * policy's limits for its concurrency limit. An index the policy does not have (a decision built
     * for other limits) names the first limit, which still yields valid fields.
     */
    int limitIndex() {
        int index = decision.limitIndex();
        return index >= 0 && index < policy.limits().size() || byConcurrency() ? index : 0;
    }

    /** Whether the decision describes the policy's concurrency limit (it rejected, or is the policy's only limit). */
    boolean byConcurrency() {
        return policy.hasConcurrency() && decision.limitIndex() == policy.limits().size();
    }

    /** The limit that the decision describes, as written in configuration: {@code 10/1s}, {@code 4 in flight (lease 30s)}. */
    String limitText() {
        return byConcurrency() ? policy.concurrency().toString() : policy.limits().get(limitIndex()).toString();
    }

    /** The quota item of the decision's tightest limit, e.g. {@code api-2}. */
    String itemName() {
        return QuotaFields.itemName(policy, limitIndex());
    }
}
