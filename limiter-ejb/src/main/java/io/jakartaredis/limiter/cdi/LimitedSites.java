package io.jakartaredis.limiter.cdi;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import io.jakartaredis.limiter.RateLimited;

/**
 * Which methods of a bean {@link RateLimited} applies to: those annotated themselves, and under an
 * annotation on the bean class every business method, inherited ones included (CDI binds a
 * type-level interceptor to all of them, so all of them must be validated).
 */
final class LimitedSites {

    private LimitedSites() {
    }

    /**
     * @param method   a method of the bean class, declared there or inherited
     * @param onMethod the method's own annotation, or {@code null}
     * @param onType   the bean class's annotation, or {@code null}
     * @return the annotation that applies to the method, or {@code null} when none does
     */
    static RateLimited applying(Method method, RateLimited onMethod, RateLimited onType) {
        if (onMethod != null) {
            return onMethod;
        }
        return onType != null && isBusinessMethod(method) ? onType : null;
    }

    /** What containers intercept: neither static, private, compiler-made nor one of {@link Object}'s. */
    static boolean isBusinessMethod(Method method) {
        int modifiers = method.getModifiers();
        return !Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers) && !method.isSynthetic()
                && !method.isBridge() && method.getDeclaringClass() != Object.class;
    }
}
