package io.jakartaredis.limiter.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where configuration comes from: MicroProfile Config in a server, a map in tests. Keeps the
 * parsing free of any container API.
 */
public interface ConfigValues {

    /** The value of a property, if set and not blank. */
    Optional<String> get(String property);

    /** Every property name known, used to discover policies. */
    Iterable<String> propertyNames();

    /** Values from a map, for tests and plain-Java use. */
    static ConfigValues of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new ConfigValues() {
            @Override
            public Optional<String> get(String property) {
                return Optional.ofNullable(copy.get(property)).filter(v -> !v.isBlank());
            }

            @Override
            public Iterable<String> propertyNames() {
                return copy.keySet();
            }
        };
    }
}
