package io.jakartaredis.limiter.metrics;

/**
 * Publishes the policies' statistics to a metrics API of the server. Implementations import that
 * API; the CDI extension adds them as beans only where the application's class loader sees it,
 * so where the server has none no class of theirs is loaded.
 */
public interface MetricsPublisher {

    /** Registers every policy's meters, once, as the application starts. */
    void publish(LimiterMetrics metrics);

    /** Removes the meters again, when the application stops, so that a redeployment starts from zero. */
    void unpublish();
}
