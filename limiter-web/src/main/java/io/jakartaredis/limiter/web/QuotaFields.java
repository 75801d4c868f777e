package io.jakartaredis.limiter.web;

import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.config.Limit;
import io.jakartaredis.limiter.config.PolicyConfig;

/**
 * Writes the {@code RateLimit-Policy} and {@code RateLimit} fields of
 * draft-ietf-httpapi-ratelimit-headers-11: Lists of Items whose value is an sf-string naming a
 * quota policy. Each limit of a policy is one quota item named {@code <policy>-<n>}, {@code n}
 * counting the limits of {@code limiter.policy.<name>.limits} from 1: {@code api-1}, {@code api-2};
 * a concurrency limit is the item after them, with the draft's quota unit
 * {@code qu="concurrent-requests"} and no window: {@code "api-3";q=4;qu="concurrent-requests"}.
 */
final class QuotaFields {

    private QuotaFields() {
    }

    static String itemName(PolicyConfig policy, int limitIndex) {
        return policy.name() + "-" + (limitIndex + 1);
    }

    /**
     * {@code "api-1";q=10;w=1, "api-2";q=1000;w=3600}: every limit of every policy. The draft has
     * no sub-second windows, so a window is rounded up to whole seconds: the advertised rate is
     * then lower than the real one, never higher. A calendar limit's {@code w} is the longest its
     * period can last in its zone ({@code 5000000/month}: 31 days, 2678400, in UTC; {@code 10000/day}
     * in Berlin: 25 h, 90000, for the day the clocks go back), so the rate it advertises, q per w,
     * is never more than one period admits; a fixed window still admits up to 2q within w around a
     * boundary. Its {@code RateLimit} item's {@code t} is the time to the boundary.
     */
    static String policyField(Collection<PolicyConfig> policies) {
        StringJoiner items = new StringJoiner(", ");
        for (PolicyConfig policy : policies) {
            for (int i = 0; i < policy.limits().size(); i++) {
                Limit limit = policy.limits().get(i);
                items.add(StructuredFields.string(itemName(policy, i)) + ";q=" + quantity(limit.tokens())
                        + ";w=" + StructuredFields.integer(Math.max(1, secondsUp(advertisedWindowMillis(limit)))));
            }
            if (policy.hasConcurrency()) {
                items.add(StructuredFields.string(itemName(policy, policy.limits().size())) + ";q="
                        + quantity(policy.concurrency().slots()) + ";qu=" + StructuredFields.string(CONCURRENT_REQUESTS));
            }
        }
        return items.toString();
    }

    /**
     * {@link #policyField} of the decisions' policies, joined from each one's kept items
     * ({@link QuotaItems#policyField()}): a single decision's is its policy's text itself.
     */
    static String policyFieldOf(List<PolicyDecision> decisions) {
        if (decisions.size() == 1) {
            return decisions.get(0).items().policyField();
        }
        StringJoiner items = new StringJoiner(", ");
        for (PolicyDecision each : decisions) {
            String policyItems = each.items().policyField();
            if (!policyItems.isEmpty()) {
                items.add(policyItems);
            }
        }
        return items.toString();
    }

    /** A bucket limit's window; a calendar limit's longest period in its zone, DST included. */
    private static long advertisedWindowMillis(Limit limit) {
        return limit.isCalendar() ? limit.calendar().longestIn(limit.zone()).toMillis() : limit.windowMillis();
    }

    /**
     * {@code "api-1";r=7;t=1}: for each decision, its tightest limit, the whole tokens left in it
     * ({@code r}) and its effective window ({@code t}, see {@link #effectiveWindowSeconds}), and the
     * free slots of its concurrency limit when they are known. Empty when nothing is known (a
     * concurrency limit alone, admitted by the {@code open} failure policy): the field is then not sent.
     */
    static String limitField(Collection<PolicyDecision> decisions) {
        StringBuilder items = new StringBuilder(32);
        for (PolicyDecision each : decisions) {
            Decision decision = each.decision();
            if (!each.byConcurrency()) {
                separate(items).append(each.quotedItemName()).append(";r=").append(checkedQuantity(decision.remaining()))
                        .append(";t=").append(StructuredFields.checkedInteger(effectiveWindowSeconds(decision)));
            }
            // Free slots unknown (the open failure policy admitted without Redis): no item rather than a false r=0.
            boolean slotsKnown = decision.freeSlots() >= 0 || !decision.allowed();
            if (slotsKnown && (each.byConcurrency() || each.policy().hasConcurrency())) {
                concurrencyItem(separate(items), each);
            }
        }
        return items.toString();
    }

    private static StringBuilder separate(StringBuilder items) {
        return items.isEmpty() ? items : items.append(", ");
    }

    /**
     * {@code "api-3";r=2}: the free slots. A slot frees when a call ends, at no time known ahead, so
     * {@code t} is sent only with a rejection by it, equal to {@code Retry-After}.
     */
    private static void concurrencyItem(StringBuilder items, PolicyDecision each) {
        Decision decision = each.decision();
        items.append(each.quotedConcurrencyItemName()).append(";r=").append(checkedQuantity(Math.max(0, decision.freeSlots())));
        boolean couldPass = decision.allowed() && !decision.shadowRejected();
        if (!couldPass) {
            items.append(";t=").append(StructuredFields.checkedInteger(retryAfterSeconds(decision)));
        }
    }

    /**
     * The seconds within which the client can use no more than what remains. Allowed: until the
     * limit is full again, which never overstates the rate. Rejected, or shadow-rejected: until
     * the same request can pass, equal to {@code Retry-After}, which must not end before it.
     */
    static long effectiveWindowSeconds(Decision decision) {
        boolean couldPass = decision.allowed() && !decision.shadowRejected();
        return couldPass ? secondsUp(decision.resetAfterMillis()) : retryAfterSeconds(decision);
    }

    /** Whole seconds until a rejected request can pass, rounded up and at least 1: {@code Retry-After: 0} would invite a retry storm. */
    static long retryAfterSeconds(Decision decision) {
        return Math.max(1, secondsUp(decision.retryAfterMillis()));
    }

    /** Milliseconds in whole seconds, rounded up: 1 ms is 1 s, 1000 ms is 1 s, 1001 ms is 2 s. */
    static long secondsUp(long millis) {
        return millis <= 0 ? 0 : (millis - 1) / 1000 + 1;
    }

    static final String CONCURRENT_REQUESTS = "concurrent-requests";

    /** A limit holds at most 10^9 tokens, well within sf-integers' 15 digits; the cap stays as a guard for any other count. */
    private static String quantity(long tokens) {
        return Long.toString(checkedQuantity(tokens));
    }

    private static long checkedQuantity(long tokens) {
        return StructuredFields.checkedInteger(Math.min(tokens, StructuredFields.MAX_INTEGER));
    }
}
