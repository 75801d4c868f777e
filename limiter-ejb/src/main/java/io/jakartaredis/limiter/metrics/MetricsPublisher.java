package io.jakartaredis.limiter.metrics;

import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Publishes the policies' statistics to a metrics API of the server. Implementations import that
 * API and have a public no-argument constructor; the CDI extension creates them only where the
 * application's class loader sees it, so where the server has none no class of theirs is loaded.
 */
public interface MetricsPublisher {

    /**
     * Registers every policy's meters, once, before the first decision.
     *
     * @param beans where to find the server's registry bean (see {@link FieldInjection})
     */
    void publish(LimiterMetrics metrics, BeanManager beans);

    /** Removes the meters again, when the application stops, so that a redeployment starts from zero. */
    void unpublish();
}
