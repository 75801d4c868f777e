package io.jakartaredis.limiter.web;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.PolicyConfig;

/**
 * A decision together with the policy it was taken under, which names its quota items.
 *
 * @param policy   the policy, with all its limits
 * @param decision the decision, describing the policy's tightest limit
 * @param items    what the fields and the problem body of {@code policy} say whatever the decision, built once
 *                 per policy and tier where the policy is known ahead ({@link TierViews#decided})
 */
record PolicyDecision(PolicyConfig policy, Decision decision, QuotaItems items) {

    /** A decision whose policy's items are built for it alone. */
    PolicyDecision(PolicyConfig policy, Decision decision) {
        this(policy, decision, new QuotaItems(policy, decision.tier()));
    }

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

    /** {@link #itemName()} as an sf-string, {@code "api-2"}. */
    String quotedItemName() {
        return items.quotedName(limitIndex());
    }

    /** The policy's concurrency limit's quota item, as an sf-string: {@code "api-3"}. */
    String quotedConcurrencyItemName() {
        return items.quotedName(policy.limits().size());
    }

    /** The problem body of this decision, a rejection ({@link ProblemDetails#quotaExceeded}). */
    String problem(long retryAfterSeconds) {
        return items.problem(this, retryAfterSeconds);
    }
}
