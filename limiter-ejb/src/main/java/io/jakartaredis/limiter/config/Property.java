package io.jakartaredis.limiter.config;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** Reads one property and turns a parse failure into an error that names the property and the value. */
final class Property {

    private final ConfigValues values;

    Property(ConfigValues values) {
        this.values = values;
    }

    Optional<String> text(String name) {
        return values.get(name).map(String::strip);
    }

    <T> Optional<T> parsed(String name, Function<String, T> parser) {
        return text(name).map(value -> {
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(name, value, e.getMessage());
            }
        });
    }

    Duration duration(String name, Duration fallback) {
        return parsed(name, Durations::parse).orElse(fallback);
    }

    /** Only {@code true} or {@code false}: a typo must not silently switch a feature. */
    boolean bool(String name, boolean fallback) {
        return parsed(name, Property::parseBoolean).orElse(fallback);
    }

    int positiveInt(String name, int fallback) {
        return parsed(name, Property::parsePositiveInt).orElse(fallback);
    }

    private static boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("expected true or false");
    }

    private static int parsePositiveInt(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the rule
        }
        throw new IllegalArgumentException("expected a whole number of at least 1");
    }
}
