package io.jakartaredis.limiter.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where configuration comes from: MicroProfile Config in a server, a map in tests. Keeps the
 * parsing free of any container API.
 */
public interface ConfigValues {

    /** The value of a property, if set and not blank. */
    Optional<String> get(String property);

    /**
     * A property's stripped value through a parser that throws {@link IllegalArgumentException}
     * with the rule, which becomes an {@link InvalidConfigurationException} naming property and value.
     */
    default <T> Optional<T> parsed(String property, Function<String, T> parser) {
        Optional<String> text = get(property).map(String::strip);
        try {
            return text.map(parser);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(property, text.orElse(""), e.getMessage());
        }
    }

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
