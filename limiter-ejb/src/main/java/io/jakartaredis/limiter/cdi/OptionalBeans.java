package io.jakartaredis.limiter.cdi;

import java.util.ArrayList;
import java.util.List;

import io.jakartaredis.limiter.metrics.MetricsPublisher;

/**
 * The classes that implement an API a server may lack: the readiness check (MicroProfile Health)
 * and the metrics publishers (MicroProfile Metrics, Micrometer). None carries a bean-defining
 * annotation, so discovery passes them by without loading them; the extension adds the check as
 * a bean, and creates the publishers, only where the application's class loader sees their API.
 * Where it sees none, no class of theirs is loaded: no {@code NoClassDefFoundError}, no warning.
 */
final class OptionalBeans {

    /** A bean class, by name, and a class of the API it needs, by name. */
    record OptionalBean(String beanClass, String apiClass) {
    }

    static final List<OptionalBean> READINESS_CHECK = List.of(
            new OptionalBean("io.jakartaredis.limiter.health.RedisReadinessCheck", "org.eclipse.microprofile.health.HealthCheck"));

    static final List<OptionalBean> METRICS_PUBLISHERS = List.of(
            new OptionalBean("io.jakartaredis.limiter.metrics.microprofile.MicroProfileMetricsPublisher",
                    "org.eclipse.microprofile.metrics.MetricRegistry"),
            new OptionalBean("io.jakartaredis.limiter.metrics.micrometer.MicrometerPublisher",
                    "io.micrometer.core.instrument.MeterRegistry"));

    private OptionalBeans() {
    }

    /** The bean classes among {@code candidates} whose API {@code loader} sees, loaded by it. */
    static List<Class<?>> available(List<OptionalBean> candidates, ClassLoader loader) {
        List<Class<?>> found = new ArrayList<>();
        for (OptionalBean candidate : candidates) {
            if (sees(loader, candidate.apiClass())) {
                found.add(load(loader, candidate.beanClass()));
            }
        }
        return found;
    }

    /** A new instance of each publisher whose API {@code loader} sees. */
    static List<MetricsPublisher> metricsPublishers(ClassLoader loader) {
        List<MetricsPublisher> publishers = new ArrayList<>();
        for (Class<?> type : available(METRICS_PUBLISHERS, loader)) {
            try {
                publishers.add((MetricsPublisher) type.getConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create the metrics publisher " + type.getName(), e);
            }
        }
        return publishers;
    }

    private static boolean sees(ClassLoader loader, String className) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    private static Class<?> load(ClassLoader loader, String className) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the limiter's own class " + className + " is missing from its jar", e);
        }
    }
}
