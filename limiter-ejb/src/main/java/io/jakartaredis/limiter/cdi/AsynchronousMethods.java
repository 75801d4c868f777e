package io.jakartaredis.limiter.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import io.jakartaredis.limiter.config.InvalidConfigurationException;
import io.jakartaredis.limiter.config.PolicyConfig;

/**
 * Refuses, at deployment, a limited method whose policy has a concurrency limit but whose call
 * ends after the method has returned in a way the interceptor cannot see: it returns a
 * {@link Future} that is no {@link CompletionStage}, or takes a JAX-RS {@code @Suspended
 * AsyncResponse}. Its slot would go back at once and the limit would limit nothing. A
 * {@code CompletionStage} is released when it completes ({@link LimitedCall}); an EJB
 * {@code @Asynchronous} method is fine, since the container runs its interceptors on the
 * asynchronous thread, around the work itself. Types are compared by name: the library needs
 * neither EJB nor JAX-RS at run time.
 */
final class AsynchronousMethods {

    private static final String EJB_ASYNCHRONOUS = "jakarta.ejb.Asynchronous";
    private static final String SUSPENDED = "jakarta.ws.rs.container.Suspended";

    private AsynchronousMethods() {
    }

    /**
     * @throws InvalidConfigurationException for such a method under a policy (or a tier of it)
     *                                       with a concurrency limit, naming {@code Class#method}
     */
    static void check(Class<?> beanClass, Method method, PolicyConfig policy, String origin) {
        boolean limitsInFlight = policy.hasConcurrency()
                || policy.tiers().values().stream().anyMatch(tier -> tier.concurrency() != null);
        if (!limitsInFlight || isEjbAsynchronous(beanClass, method)) {
            return;
        }
        Class<?> returned = method.getReturnType();
        if (Future.class.isAssignableFrom(returned) && !CompletionStage.class.isAssignableFrom(returned)) {
            throw refused(origin, returned.getName(), policy, "returns a Future that is no CompletionStage");
        }
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            if (Arrays.stream(annotations).anyMatch(a -> a.annotationType().getName().equals(SUSPENDED))) {
                throw refused(origin, "@Suspended AsyncResponse", policy, "answers through a suspended AsyncResponse");
            }
        }
    }

    private static boolean isEjbAsynchronous(Class<?> beanClass, Method method) {
        return hasAnnotation(method.getAnnotations()) || hasAnnotation(beanClass.getAnnotations())
                || hasAnnotation(method.getDeclaringClass().getAnnotations());
    }

    private static boolean hasAnnotation(Annotation[] annotations) {
        return Arrays.stream(annotations).anyMatch(a -> a.annotationType().getName().equals(EJB_ASYNCHRONOUS));
    }

    private static InvalidConfigurationException refused(String origin, String value, PolicyConfig policy, String what) {
        return new InvalidConfigurationException("@RateLimited on " + origin, value, "the method " + what
                + ", so its call goes on after it returns, but policy '" + policy.name() + "' has a concurrency"
                + " limit, whose slot the interceptor gives back when the method returns: return a CompletionStage"
                + " (released when it completes), make it an EJB @Asynchronous method, or limit it by a policy"
                + " without concurrency");
    }
}
