package io.jakartaredis.limiter.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The optional beans against class loaders that see the limiter's classes and the Jakarta APIs but
 * only some of the optional APIs, as a server without them does: an absent API's bean is left out,
 * and a present one's loads and links.
 */
class OptionalBeansTest {

    private static URL jarOf(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI().toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The limiter's classes, the Jakarta and MicroProfile Config APIs, and {@code more}; nothing of the test's class path. */
    private static URLClassLoader serverWith(Class<?>... more) throws MalformedURLException {
        List<URL> urls = new ArrayList<>(List.of(Path.of("target/classes").toUri().toURL(),
                jarOf(jakarta.inject.Inject.class), jarOf(jakarta.annotation.PreDestroy.class),
                jarOf(org.eclipse.microprofile.config.Config.class)));
        for (Class<?> type : more) {
            urls.add(jarOf(type));
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static List<String> namesOf(List<Class<?>> types) {
        return types.stream().map(Class::getSimpleName).toList();
    }

    @Test
    void addsNoBeanWhereTheServerHasNoneOfTheApis() throws Exception {
        try (URLClassLoader server = serverWith()) {
            assertEquals(List.of(), OptionalBeans.available(OptionalBeans.READINESS_CHECK, server));
            assertEquals(List.of(), OptionalBeans.metricsPublishers(server));
        }
    }

    @Test
    void addsOnlyTheBeanWhoseApiTheServerHasAndItLinks() throws Exception {
        try (URLClassLoader server = serverWith(MeterRegistry.class, io.micrometer.common.lang.Nullable.class)) {
            assertEquals(List.of(), OptionalBeans.available(OptionalBeans.READINESS_CHECK, server));
            List<Class<?>> found = OptionalBeans.available(OptionalBeans.METRICS_PUBLISHERS, server);
            assertEquals(List.of("MicrometerPublisher"), namesOf(found));
            found.get(0).getConstructor().newInstance();
            Class<?> registryType = found.get(0).getDeclaredField("registry").getType();
            assertEquals(MeterRegistry.class.getName(), registryType.getName());
            assertEquals(server, registryType.getClassLoader(), "linked against the server's API");
        }
    }

    @Test
    void addsTheReadinessCheckAndTheMicroProfilePublisherWhereTheirApisArePresent() throws Exception {
        try (URLClassLoader server = serverWith(org.eclipse.microprofile.health.HealthCheck.class,
                org.eclipse.microprofile.metrics.MetricRegistry.class)) {
            List<Class<?>> check = OptionalBeans.available(OptionalBeans.READINESS_CHECK, server);
            assertEquals(List.of("RedisReadinessCheck"), namesOf(check));
            check.get(0).getDeclaredMethods();
            List<Class<?>> publishers = OptionalBeans.available(OptionalBeans.METRICS_PUBLISHERS, server);
            assertEquals(List.of("MicroProfileMetricsPublisher"), namesOf(publishers));
            publishers.get(0).getDeclaredMethods();
        }
    }
}
