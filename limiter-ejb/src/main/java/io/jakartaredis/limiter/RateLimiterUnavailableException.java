package io.jakartaredis.limiter;

import jakarta.ejb.ApplicationException;

/**
 * Redis could not give a decision: unreachable, timed out, or answered with an error. Carries
 * the cause; its message never contains credentials. An EJB application exception, like
 * {@link RateLimitExceededException}: it reaches the caller (and the 503 mapping) unwrapped.
 */
@ApplicationException(rollback = false, inherited = true)
public class RateLimiterUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RateLimiterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
