package io.jakartaredis.limiter.cdi;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.config.ConfigProvider;

import io.jakartaredis.limiter.Decision;
import io.jakartaredis.limiter.RateLimitExceededException;
import io.jakartaredis.limiter.RateLimited;
import io.jakartaredis.limiter.RateLimiter;

/**
 * Applies {@link RateLimited}: one decision before the method runs; a rejection throws
 * {@link RateLimitExceededException} and the method does not run. Enabled for the whole
 * application by its priority, early among library interceptors.
 */
@RateLimited(policy = "")
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class RateLimitedInterceptor {

    private final Map<Method, LimitedMethod> methods = new ConcurrentHashMap<>();

    @Inject
    RateLimiter limiter;

    @Inject
    CallerKeys keys;

    @AroundInvoke
    Object limit(InvocationContext call) throws Exception {
        LimitedMethod method = methods.computeIfAbsent(call.getMethod(), m -> settingsOf(call));
        Decision decision = limiter.tryAcquire(method.policy(), keys.keyOf(method, call), method.cost());
        if (!decision.allowed()) {
            throw RateLimitExceededException.of(decision);
        }
        return call.proceed();
    }

    /** Validated at deployment by {@link RateLimitedExtension}; resolved here once per method. */
    private static LimitedMethod settingsOf(InvocationContext call) {
        return LimitedMethod.resolve(annotationOf(call), new MicroProfileConfigValues(ConfigProvider.getConfig()),
                RateLimitedExtension.origin(call.getMethod()));
    }

    private static RateLimited annotationOf(InvocationContext call) {
        RateLimited onMethod = call.getMethod().getAnnotation(RateLimited.class);
        if (onMethod != null) {
            return onMethod;
        }
        Class<?> type = call.getTarget() == null ? call.getMethod().getDeclaringClass() : call.getTarget().getClass();
        for (; type != null; type = type.getSuperclass()) {
            RateLimited onType = type.getAnnotation(RateLimited.class);
            if (onType != null) {
                return onType;
            }
        }
        throw new IllegalStateException("no @RateLimited found for " + RateLimitedExtension.origin(call.getMethod()));
    }
}
