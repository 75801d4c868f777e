package io.jakartaredis.limiter;

import jakarta.ejb.ApplicationException;

/**
 * Thrown by the {@link RateLimited} interceptor when a call is over its limit. An EJB application
 * exception: containers neither wrap it in {@code EJBException} nor log it as a system error, and
 * a transaction is not marked for rollback by it. Cheap to throw: it has no stack trace.
 */
@ApplicationException(rollback = false, inherited = true)
public class RateLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Serialized with the exception: a {@code @Remote} caller receives a copy, decision included. */
    private final Decision decision;

    private RateLimitExceededException(Decision decision) {
        super("rate limit of policy '" + decision.policy() + "' exceeded (" + decision.limit() + " per "
                + decision.window() + "); retry after " + decision.retryAfterMillis() + " ms", null, false, false);
        this.decision = decision;
    }

    /** The exception for a rejected decision. */
    public static RateLimitExceededException of(Decision decision) {
        if (decision.allowed()) {
            throw new IllegalArgumentException("an allowed decision is no rejection: " + decision);
        }
        return new RateLimitExceededException(decision);
    }

    /** The rejected decision: policy, limit, remaining, retry-after, reset. */
    public Decision decision() {
        return decision;
    }
}
