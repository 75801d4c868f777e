package io.jakartaredis.limiter.cdi;

import java.util.concurrent.CompletionStage;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimitExceededException;
import io.jakartaredis.limiter.RateLimiter;
import io.jakartaredis.limiter.core.RefundAfterOutcome;

/**
 * One call of a {@code @RateLimited} method: takes its tokens under the client's tier (waiting up
 * to {@code maxWait} when the method allows it), runs the method, gives the tokens back, under the
 * tier that took them, when its outcome does not count, and then gives back its concurrency slot,
 * whatever the outcome: when the method returns or throws, or, for a method that returns a
 * {@link CompletionStage} (a {@code CompletableFuture}), when that stage completes. Methods that
 * end later in other ways (a {@code Future} that is no stage, a JAX-RS {@code @Suspended
 * AsyncResponse}) cannot hold a slot: {@link AsynchronousMethods} fails their deployment. The method's return value or exception always reaches the caller
 * unchanged: a refund or release that fails, with any exception or error short of the JVM's own,
 * is logged, never thrown.
 */
final class LimitedCall {

    /** The rest of the interceptor chain. */
    interface Proceed {
        Object proceed() throws Exception;
    }

    private LimitedCall() {
    }

    /** A call whose decision nobody observes. */
    static Object run(RateLimiter limiter, LimitedMethod method, String key, String tier, Proceed call) throws Exception {
        return run(limiter, CallDecisionObserver.NONE, method, key, tier, call);
    }

    /**
     * @param observer told of the decision before the method runs or the rejection is thrown
     * @param tier     the client's tier, from the policy's tier resolver; {@link Decision#DEFAULT_TIER} for none
     * @throws RateLimitExceededException when the call gets no tokens; the method then does not run
     */
    static Object run(RateLimiter limiter, CallDecisionObserver observer, LimitedMethod method, String key, String tier,
                      Proceed call) throws Exception {
        Decision decision = take(limiter, method, key, tier);
        try {
            CallDecisionObservers.tell(observer, limiter, decision);
        } catch (Throwable thrown) {
            // an Error of the observer: the call does not run, so its slot goes back at once
            release(limiter, method, decision);
            throw thrown;
        }
        if (!decision.allowed()) {
            throw RateLimitExceededException.of(decision);
        }
        if (!decision.holdsSlot()) {
            return runRefunding(limiter, method, key, decision, call);
        }
        Object result;
        try {
            result = runRefunding(limiter, method, key, decision, call);
        } catch (Throwable thrown) {
            release(limiter, method, decision);
            throw thrown;
        }
        if (result instanceof CompletionStage<?> stage) {
            releaseWhenComplete(limiter, method, decision, stage);
        } else {
            release(limiter, method, decision);
        }
        return result;
    }

    /**
     * A method that returns a stage runs on until the stage completes, so its slot is given back
     * then, however it completes; the caller gets the method's own stage. A stage that refuses the
     * callback gives the slot back at once.
     */
    private static void releaseWhenComplete(RateLimiter limiter, LimitedMethod method, Decision decision,
                                            CompletionStage<?> stage) {
        try {
            stage.whenComplete((value, failure) -> release(limiter, method, decision));
        } catch (RuntimeException refused) {
            release(limiter, method, decision);
        }
    }

    private static void release(RateLimiter limiter, LimitedMethod method, Decision decision) {
        RefundAfterOutcome.release(limiter, decision, "policy " + method.policy());
    }

    private static Object runRefunding(RateLimiter limiter, LimitedMethod method, String key, Decision decision,
                                       Proceed call) throws Exception {
        // Only what was taken goes back: a shadow rejection or a failure policy's admission took nothing.
        if (!decision.tokensTaken() || !method.outcomes().mayRefund()) {
            return call.proceed();
        }
        Object result;
        try {
            result = call.proceed();
        } catch (Throwable thrown) {
            refundIf(method.outcomes().refunds(thrown), limiter, method, key, decision.tier());
            throw thrown;
        }
        refundIf(method.outcomes().refunds(null), limiter, method, key, decision.tier());
        return result;
    }

    private static Decision take(RateLimiter limiter, LimitedMethod method, String key, String tier) {
        if (method.maxWait().isZero()) {
            return limiter.tryAcquire(method.policy(), tier, key, method.cost());
        }
        // An interrupted wait comes back as a rejection with the interrupt flag set, which stays set.
        return limiter.acquire(method.policy(), tier, key, method.cost(), method.maxWait());
    }

    private static void refundIf(boolean refunds, RateLimiter limiter, LimitedMethod method, String key, String tier) {
        if (!refunds) {
            return;
        }
        RefundAfterOutcome.refund(limiter, method.policy(), tier, key, method.cost(), "policy " + method.policy());
    }
}
