package io.jakartaredis.limiter.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import io.jakartaredis.limiter.web.RateLimitResponse.HeaderField;

/**
 * The decisions taken while one request is served, the filter's and the interceptor's, and the
 * response whose fields describe them. Every decision rewrites the fields whole with
 * {@code setHeader}, from all the decisions so far: a later decision of a policy replaces the
 * items of an earlier one ({@link RateLimitResponse#allowed}), other policies add items, and
 * once a call was rejected the fields describe that rejection alone, as a 429 of the filter
 * does. A response already committed keeps what it sent: the decision is remembered, nothing is
 * written. Confined to the thread that serves the request ({@link CurrentResponse}), so it needs
 * no locking.
 */
final class ResponseFields {

    private final HttpServletResponse response;
    private final boolean legacyHeaders;
    private final List<PolicyDecision> decisions = new ArrayList<>(2);
    /** The names of the fields set so far. */
    private final Set<String> written = new HashSet<>(4);
    /** How many of the decisions the fields on the response describe. */
    private int describedCount;

    ResponseFields(HttpServletResponse response, boolean legacyHeaders) {
        this.response = response;
        this.legacyHeaders = legacyHeaders;
    }

    /** Adds a decision, unless it is there already (the interceptor told of it, the exception mapper comes after), and rewrites the fields. */
    void add(PolicyDecision decision) {
        if (!contains(decision)) {
            decisions.add(decision);
        }
        rewrite();
    }

    void addAll(Collection<PolicyDecision> taken) {
        decisions.addAll(taken);
        rewrite();
    }

    /** Whether the fields on the response describe this decision (the very object): it was added before the response was committed. */
    boolean describes(PolicyDecision decision) {
        for (int i = 0; i < describedCount; i++) {
            if (decisions.get(i).decision() == decision.decision()) {
                return true;
            }
        }
        return false;
    }

    /** The fields that the decisions so far call for, in order; a rejection's without {@code Retry-After}, which belongs to the 429 alone. */
    List<HeaderField> fields() {
        PolicyDecision rejection = latestRejection();
        if (rejection == null) {
            return RateLimitResponse.allowed(decisions, legacyHeaders).headers();
        }
        return RateLimitResponse.rejected(rejection, legacyHeaders).headers().stream()
                .filter(field -> !field.name().equals(RateLimitHeaders.RETRY_AFTER)).toList();
    }

    private void rewrite() {
        if (response.isCommitted()) {
            return; // the fields were sent: a later decision cannot change them
        }
        for (HeaderField field : fields()) {
            // an empty list is no field, or, where one was sent before, an empty one rather than a stale one
            if (!field.value().isEmpty() || written.contains(field.name())) {
                response.setHeader(field.name(), field.value());
                written.add(field.name());
            }
        }
        describedCount = decisions.size();
    }

    private PolicyDecision latestRejection() {
        for (int i = decisions.size() - 1; i >= 0; i--) {
            if (!decisions.get(i).decision().allowed()) {
                return decisions.get(i);
            }
        }
        return null;
    }

    private boolean contains(PolicyDecision decision) {
        return decisions.stream().anyMatch(each -> each.decision() == decision.decision());
    }
}
