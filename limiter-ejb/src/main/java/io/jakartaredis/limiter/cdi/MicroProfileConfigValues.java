package io.jakartaredis.limiter.cdi;

import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.jakartaredis.limiter.config.ConfigValues;

/**
 * {@link ConfigValues} over MicroProfile Config: system properties, environment variables (with
 * the standard name mapping, e.g. {@code LIMITER_REDIS_URL}) and {@code microprofile-config.properties}.
 */
public final class MicroProfileConfigValues implements ConfigValues {

    private final Config config;

    public MicroProfileConfigValues(Config config) {
        this.config = config;
    }

    @Override
    public Optional<String> get(String property) {
        return config.getOptionalValue(property, String.class).filter(v -> !v.isBlank());
    }

    @Override
    public Iterable<String> propertyNames() {
        return config.getPropertyNames();
    }
}
