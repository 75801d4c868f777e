package io.jakartaredis.limiter.cdi;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.jakartaredis.limiter.RateLimited;

/**
 * The settings of every {@code @RateLimited} method of the application, by bean class and method,
 * built and validated once at deployment by {@link RateLimitedExtension}. The interceptor is a
 * dependent object, created with every bean instance (for a {@code @RequestScoped} bean: every
 * request), so it only looks settings up here and never reads configuration itself.
 *
 * <p>A call may report a method that was not seen at deployment: a compiler-made bridge method
 * (a generic interface implemented with a concrete type) is looked up as the method it bridges;
 * the target of {@code InterceptionFactory} was never a bean, so its settings are built on its
 * first call from the interceptor binding of the call, validated, and kept.
 */
final class LimitedMethods {

    /** Builds and validates the settings of a method not seen at deployment. */
    interface LateSettings {
        /** @throws io.jakartaredis.limiter.config.InvalidConfigurationException naming the value */
        LimitedMethod build(Class<?> targetClass, Method method, RateLimited binding);
    }

    private final Map<Class<?>, Map<Method, LimitedMethod>> byBeanClass;
    private final LateSettings lateSettings;
    /** A call's target may be a subclass of the bean class that the container generated. */
    private final Map<Class<?>, Map<Method, LimitedMethod>> byTargetClass = new ConcurrentHashMap<>();
    /**
     * Settings built on first call, per (target class, method, binding): two interceptors of one
     * class made with different bindings keep their own.
     */
    private final Map<Class<?>, Map<BoundMethod, LimitedMethod>> builtLate = new ConcurrentHashMap<>();

    /** A method with the binding of its call; annotations are equal when their values are. */
    private record BoundMethod(Method method, RateLimited binding) {
    }

    LimitedMethods(Map<Class<?>, Map<Method, LimitedMethod>> byBeanClass, LateSettings lateSettings) {
        Map<Class<?>, Map<Method, LimitedMethod>> copy = new HashMap<>();
        byBeanClass.forEach((type, methods) -> copy.put(type, Map.copyOf(withBridges(type, methods))));
        this.byBeanClass = Map.copyOf(copy);
        this.lateSettings = lateSettings;
    }

    /**
     * @param binding the call's {@code @RateLimited} binding, for a method not seen at deployment
     * @throws IllegalStateException when the method was not seen at deployment and the call has no binding
     */
    LimitedMethod of(Class<?> targetClass, Method method, Supplier<RateLimited> binding) {
        LimitedMethod limited = byTargetClass.computeIfAbsent(targetClass, this::ofBeanClassOf).get(method);
        if (limited != null) {
            return limited;
        }
        RateLimited bound = binding.get();
        if (bound == null) {
            throw new IllegalStateException("no @RateLimited settings were built at deployment for "
                    + RateLimitedExtension.origin(targetClass, method) + ", and the call carries no @RateLimited binding");
        }
        return builtLate.computeIfAbsent(targetClass, type -> new ConcurrentHashMap<>())
                .computeIfAbsent(new BoundMethod(method, bound), unseen -> lateSettings.build(targetClass, method, bound));
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

    /**
     * The methods and, for each bridge method of the class and its superclasses, the settings of the
     * method it bridges. A bridge that could stand for several limited methods is left out: its
     * calls take the late path, which reads the call's own binding.
     */
    private static Map<Method, LimitedMethod> withBridges(Class<?> beanClass, Map<Method, LimitedMethod> methods) {
        Map<Method, LimitedMethod> all = new HashMap<>(methods);
        for (Class<?> type = beanClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method bridge : type.getDeclaredMethods()) {
                if (!bridge.isBridge() || all.containsKey(bridge)) {
                    continue;
                }
                List<Method> bridged = methods.keySet().stream().filter(target -> bridges(bridge, target)).toList();
                if (bridged.size() == 1) {
                    all.put(bridge, methods.get(bridged.get(0)));
                }
            }
        }
        return all;
    }

    /**
     * Whether the compiler may have made {@code bridge} for {@code target}: same name, declared in
     * the target's class or a subclass of it, with parameter and return types that erase the target's.
     */
    static boolean bridges(Method bridge, Method target) {
        if (!bridge.isBridge() || target.isBridge() || !bridge.getName().equals(target.getName())
                || bridge.getParameterCount() != target.getParameterCount()
                || !target.getDeclaringClass().isAssignableFrom(bridge.getDeclaringClass())
                || !bridge.getReturnType().isAssignableFrom(target.getReturnType())) {
            return false;
        }
        Class<?>[] erased = bridge.getParameterTypes();
        Class<?>[] actual = target.getParameterTypes();
        for (int i = 0; i < erased.length; i++) {
            if (!erased[i].isAssignableFrom(actual[i])) {
                return false;
            }
        }
        return true;
    }
}
