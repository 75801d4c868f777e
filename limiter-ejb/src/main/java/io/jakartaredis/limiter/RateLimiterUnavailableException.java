package io.jakartaredis.limiter;

/**
 * Redis could not give a decision: unreachable, timed out, or answered with an error. Carries
 * the cause; its message never contains credentials.
 */
public class RateLimiterUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RateLimiterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
