package io.jakartaredis.limiter.metrics;

import jakarta.enterprise.inject.spi.AnnotatedField;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;

/**
 * Resolves the bean for a field as if it were injected, with a real injection point: Payara's
 * producer of {@code MetricRegistry} reads the injection point's annotations and fails on a
 * programmatic lookup, which has none. The field carries no {@code @Inject}, because Payara's
 * annotation scanner loads every class with one and logs SEVERE where its field type is missing.
 */
public final class FieldInjection {

    private FieldInjection() {
    }

    /** The bean that an injection of {@code owner}'s field {@code name} would receive. */
    public static Object resolve(BeanManager beans, Class<?> owner, String name) {
        AnnotatedField<?> field = beans.createAnnotatedType(owner).getFields().stream()
                .filter(candidate -> candidate.getJavaMember().getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(owner.getName() + " has no field " + name));
        InjectionPoint point = beans.createInjectionPoint(field);
        return beans.getInjectableReference(point, beans.createCreationalContext(null));
    }
}
