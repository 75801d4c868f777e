package io.jakartaredis.limiter.core;

import io.jakartaredis.limiter.RateLimiterUnavailableException;

/**
 * Redis was not asked: the circuit is open, or no connection came free in time. Cheap to create
 * (no stack trace), because an outage creates one per call.
 */
final class RedisNotAskedException extends RateLimiterUnavailableException {

    private static final long serialVersionUID = 1L;

    RedisNotAskedException(String reason, Throwable lastFailure) {
        super(reason, lastFailure);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
