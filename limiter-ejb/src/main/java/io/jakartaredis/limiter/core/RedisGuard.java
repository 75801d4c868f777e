package io.jakartaredis.limiter.core;

import java.util.function.Supplier;

import io.jakartaredis.limiter.RateLimiterUnavailableException;
import io.jakartaredis.limiter.redis.RedisFailure;
import io.jakartaredis.limiter.resilience.CircuitBreaker;
import io.jakartaredis.limiter.resilience.ConnectionGate;
import io.jakartaredis.limiter.resilience.OutageLog;

/**
 * Every call to Redis passes here: the circuit breaker may refuse it at once, the gate bounds the
 * wait for a connection, and the outcome feeds the breaker and the outage log. A pool that had no
 * connection free in time did not ask Redis: like a closed gate, it never opens the circuit.
 */
final class RedisGuard {

    private final CircuitBreaker breaker;
    private final ConnectionGate gate;
    private final OutageLog outageLog;
    private volatile RateLimiterUnavailableException lastFailure;

    RedisGuard(CircuitBreaker breaker, ConnectionGate gate, OutageLog outageLog) {
        this.breaker = breaker;
        this.gate = gate;
        this.outageLog = outageLog;
    }

    /**
     * The call's answer.
     *
     * @throws RateLimiterUnavailableException when Redis failed, or was not asked ({@link RedisNotAskedException})
     */
    <T> T call(Supplier<T> redisCall) {
        return call(redisCall, true);
    }

    /**
     * As {@link #call}, for a read (a peek): an error reply about the call itself (NOPERM, a script
     * error) proves Redis serves and moves the breaker neither way; one saying Redis cannot serve
     * (LOADING, BUSY, READONLY, …) counts as for decisions. An open circuit still refuses it.
     */
    <T> T callReadOnly(Supplier<T> redisCall) {
        return call(redisCall, false);
    }

    private <T> T call(Supplier<T> redisCall, boolean errorReplyFails) {
        if (!breaker.tryCall()) {
            throw notAsked("the circuit breaker is open: Redis failed repeatedly");
        }
        if (!gate.tryEnter()) {
            breaker.onSkipped();
            throw notAsked("no Redis connection came free within " + gate.waitTime().toMillis() + " ms");
        }
        boolean answered = false;
        try {
            T answer = redisCall.get();
            answered = true;
            breaker.onSuccess();
            outageLog.redisAnswered();
            return answer;
        } catch (RateLimiterUnavailableException e) {
            if (RedisFailure.isPoolExhausted(e)) {
                answered = true; // not asked: neither a success nor a failure of Redis
                breaker.onSkipped();
                throw notAsked("no pooled Redis connection came free in time: " + e.getMessage());
            }
            if (!errorReplyFails && !RedisFailure.isTimeout(e) && RedisFailure.isCallRefused(e)) {
                answered = true;
                breaker.onSkipped();
            }
            lastFailure = e;
            throw e;
        } finally {
            if (!answered) {
                // Whatever was thrown, a bug's exception or an Error included: a probe must never
                // leave the breaker half-open, or every later decision goes to the failure policy.
                breaker.onFailure();
            }
            gate.leave();
        }
    }

    /** Runs a call through the gate only, e.g. a health check: it neither waits for nor moves the breaker. */
    <T> T callIgnoringBreaker(Supplier<T> redisCall) {
        if (!gate.tryEnter()) {
            throw notAsked("no Redis connection came free within " + gate.waitTime().toMillis() + " ms");
        }
        try {
            return redisCall.get();
        } finally {
            gate.leave();
        }
    }

    /** Records a decision made without Redis, for the outage log. */
    void decidedWithoutRedis(RateLimiterUnavailableException reason) {
        outageLog.decidedWithoutRedis(reason.getMessage(),
                reason instanceof RedisNotAskedException ? null : reason);
    }

    /** Records a refund that Redis could not take, for the outage log. */
    void refundLost(RateLimiterUnavailableException reason) {
        outageLog.refundLost(reason.getMessage(), reason instanceof RedisNotAskedException ? null : reason);
    }

    CircuitBreaker.State circuitState() {
        return breaker.state();
    }

    private RedisNotAskedException notAsked(String reason) {
        RateLimiterUnavailableException last = lastFailure;
        return new RedisNotAskedException(last == null ? reason : reason + "; last failure: " + last.getMessage(), last);
    }
}
