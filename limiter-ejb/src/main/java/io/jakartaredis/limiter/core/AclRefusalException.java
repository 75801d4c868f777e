package io.jakartaredis.limiter.core;

import io.jakartaredis.limiter.RateLimiterUnavailableException;

/** Redis ran the readiness probe, yet the ACL user may not run a command that a decision needs. */
final class AclRefusalException extends RateLimiterUnavailableException {

    private static final long serialVersionUID = 1L;

    /** @param cause the operator's words, e.g. {@code the ACL user may not run TIME, …} */
    AclRefusalException(String cause) {
        super(cause, null);
    }
}
