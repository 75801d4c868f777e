package io.jakartaredis.limiter.cdi;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.jakartaredis.limiter.RateLimitExceededException;
import io.jakartaredis.limiter.RateLimited;
import io.jakartaredis.limiter.RateLimiter;

/**
 * Applies {@link RateLimited}: one decision, under the tier that the policy's tier resolver
 * chooses (if it has tiers), before the method runs (waiting up to its
 * {@code maxWait}); a rejection throws {@link RateLimitExceededException} and the method does not
 * run; a call whose outcome does not count ({@code countOn}, {@code refundOn}) gets its tokens
 * back after it ran ({@link LimitedCall}). Enabled for the whole
 * application by its priority. It is a dependent object, made anew with every bean instance, so
 * it holds no settings: those of each (bean class, method) were built once, and validated, at
 * deployment ({@link LimitedMethods}).
 */
@RateLimited(policy = "")
@Interceptor
@Priority(RateLimitedInterceptor.PRIORITY)
public class RateLimitedInterceptor {

    /**
     * Before the {@code @Transactional} interceptors ({@code PLATFORM_BEFORE + 200}, as Jakarta
     * Transactions requires of every server), so that a rejected call neither starts a transaction
     * nor, thrown through them, marks the caller's for rollback; after CDI's
     * {@code @ActivateRequestContext} ({@code PLATFORM_BEFORE + 100}), so that a request-scoped key
     * resolver works there too. EJB container-managed transactions surround every interceptor;
     * there the exception, an {@code @ApplicationException(rollback = false)}, keeps the
     * transaction.
     */
    static final int PRIORITY = Interceptor.Priority.PLATFORM_BEFORE + 190;

    @Inject
    RateLimiter limiter;

    @Inject
    CallerKeys keys;

    @Inject
    RateLimitedExtension extension;

    @Inject
    TierResolvers tiers;

    @AroundInvoke
    Object limit(InvocationContext call) throws Exception {
        LimitedMethod method = extension.limitedMethods().of(call.getTarget().getClass(), call.getMethod(),
                () -> CallBindings.rateLimitedOf(call));
        String key = keys.keyOf(method, call);
        String tier = tiers.tierOf(method.policy(), () -> keys.tierContext(method.policy(), key, call));
        return LimitedCall.run(limiter, extension.callDecisionObserver(), method, key, tier, call::proceed);
    }
}
