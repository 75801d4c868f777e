package io.jakartaredis.limiter.demo.it.beans;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Defines nothing, but is asked first for every property (highest ordinal), so it counts how often
 * the per-method settings of policy {@code per-request} are read from the configuration.
 */
public class CountingConfigSource implements ConfigSource {

    static final String COST = "limiter.policy.per-request.cost";
    private static final AtomicInteger COST_READS = new AtomicInteger();

    static int costReads() {
        return COST_READS.get();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        if (COST.equals(propertyName)) {
            COST_READS.incrementAndGet();
        }
        return null;
    }

    @Override
    public int getOrdinal() {
        return 10_000;
    }

    @Override
    public String getName() {
        return "counting";
    }
}
