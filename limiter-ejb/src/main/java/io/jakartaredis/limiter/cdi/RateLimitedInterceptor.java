package io.jakartaredis.limiter.cdi;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimitExceededException;
import io.jakartaredis.limiter.RateLimited;
import io.jakartaredis.limiter.RateLimiter;

/**
 * Applies {@link RateLimited}: one decision before the method runs; a rejection throws
 * {@link RateLimitExceededException} and the method does not run. Enabled for the whole
 * application by its priority, early among library interceptors. It is a dependent object, made
 * anew with every bean instance, so it holds no settings: those of each (bean class, method) were
 * built once, and validated, at deployment ({@link LimitedMethods}).
 */
@RateLimited(policy = "")
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class RateLimitedInterceptor {

    @Inject
    RateLimiter limiter;

    @Inject
    CallerKeys keys;

    @Inject
    RateLimitedExtension extension;

    @AroundInvoke
    Object limit(InvocationContext call) throws Exception {
        LimitedMethod method = extension.limitedMethods().of(call.getTarget().getClass(), call.getMethod());
        Decision decision = limiter.tryAcquire(method.policy(), keys.keyOf(method, call), method.cost());
        if (!decision.allowed()) {
            throw RateLimitExceededException.of(decision);
        }
        return call.proceed();
    }
}
