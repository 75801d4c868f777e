package io.jakartaredis.limiter.cdi;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The settings of every {@code @RateLimited} method of the application, by bean class and method,
 * built and validated once at deployment by {@link RateLimitedExtension}. The interceptor is a
 * dependent object, created with every bean instance (for a {@code @RequestScoped} bean: every
 * request), so it only looks settings up here and never reads configuration itself.
 */
final class LimitedMethods {

    private final Map<Class<?>, Map<Method, LimitedMethod>> byBeanClass;
    /** A call's target may be a subclass of the bean class that the container generated. */
    private final Map<Class<?>, Map<Method, LimitedMethod>> byTargetClass = new ConcurrentHashMap<>();

    LimitedMethods(Map<Class<?>, Map<Method, LimitedMethod>> byBeanClass) {
        Map<Class<?>, Map<Method, LimitedMethod>> copy = new HashMap<>();
        byBeanClass.forEach((type, methods) -> copy.put(type, Map.copyOf(methods)));
        this.byBeanClass = Map.copyOf(copy);
    }

    /** @throws IllegalStateException when the method was not found at deployment */
    LimitedMethod of(Class<?> targetClass, Method method) {
        LimitedMethod limited = byTargetClass.computeIfAbsent(targetClass, this::ofBeanClassOf).get(method);
        if (limited == null) {
            throw new IllegalStateException("no @RateLimited settings were built at deployment for "
                    + RateLimitedExtension.origin(targetClass, method));
        }
        return limited;
    }

    private Map<Method, LimitedMethod> ofBeanClassOf(Class<?> targetClass) {
        for (Class<?> type = targetClass; type != null; type = type.getSuperclass()) {
            Map<Method, LimitedMethod> methods = byBeanClass.get(type);
            if (methods != null) {
                return methods;
            }
        }
        return Map.of();
    }
}
