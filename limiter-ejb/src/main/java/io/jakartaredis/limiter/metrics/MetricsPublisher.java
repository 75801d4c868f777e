package io.jakartaredis.limiter.metrics;

/**
 * Publishes the policies' statistics to a metrics API of the server. Implementations import that
 * API; the CDI extension adds them as beans only where the application's class loader sees it, so
 * where the server has none no class of theirs is ever loaded.
 */
public interface MetricsPublisher {

    /** Registers every policy's meters, once, before the first decision; they stay until the application stops. */
    void publish(LimiterMetrics metrics);
}
