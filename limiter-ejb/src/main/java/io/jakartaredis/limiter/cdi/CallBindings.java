package io.jakartaredis.limiter.cdi;

import java.lang.reflect.Method;
import java.util.Collection;

import jakarta.interceptor.InvocationContext;

import io.jakartaredis.limiter.RateLimited;

/**
 * The {@code @RateLimited} binding of one call, for a target whose settings were not built at
 * deployment. Interceptors 2.2 (Jakarta EE 11) has {@code InvocationContext#getInterceptorBinding};
 * on EE 10 Weld, the container of Payara and WildFly, puts the bindings in the context data; else
 * the annotations of the method and of the target's classes are read.
 */
final class CallBindings {

    /** Weld's {@code WeldInvocationContext.INTERCEPTOR_BINDINGS_KEY}. */
    static final String WELD_BINDINGS = "org.jboss.weld.interceptor.bindings";
    private static final Method GET_INTERCEPTOR_BINDING = interceptors22();

    private CallBindings() {
    }

    /** @return the binding, or {@code null} when the call carries none */
    static RateLimited rateLimitedOf(InvocationContext call) {
        if (GET_INTERCEPTOR_BINDING != null) {
            try {
                RateLimited binding = (RateLimited) GET_INTERCEPTOR_BINDING.invoke(call, RateLimited.class);
                if (binding != null) {
                    return binding;
                }
            } catch (ReflectiveOperationException | RuntimeException | AbstractMethodError notImplemented) {
                // an EE 11 API on an older container: read what it does provide
            }
        }
        if (call.getContextData().get(WELD_BINDINGS) instanceof Collection<?> bindings) {
            for (Object binding : bindings) {
                if (binding instanceof RateLimited limited) {
                    return limited;
                }
            }
        }
        return annotated(call.getMethod(), call.getTarget() == null ? null : call.getTarget().getClass());
    }

    /** The method's own annotation, else the first one on its class or, for an inherited method, on the target's classes. */
    static RateLimited annotated(Method method, Class<?> targetClass) {
        RateLimited onMethod = method.getAnnotation(RateLimited.class);
        if (onMethod != null) {
            return onMethod;
        }
        Class<?> start = targetClass != null ? targetClass : method.getDeclaringClass();
        for (Class<?> type = start; type != null && type != Object.class; type = type.getSuperclass()) {
            RateLimited onType = type.getAnnotation(RateLimited.class);
            if (onType != null) {
                return onType;
            }
        }
        return null;
    }

    private static Method interceptors22() {
        try {
            return InvocationContext.class.getMethod("getInterceptorBinding", Class.class);
        } catch (NoSuchMethodException ee10) {
            return null;
        }
    }
}
