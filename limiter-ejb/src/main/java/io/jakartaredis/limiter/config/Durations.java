package io.jakartaredis.limiter.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as {@code 250ms}, {@code 1s}, {@code 15m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT1M}). */
final class Durations {

    static final String SYNTAX = "a positive duration such as 250ms, 30s, 15m, 1h, 1d or PT1M";

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** @throws IllegalArgumentException when the text is no positive duration of whole milliseconds */
    static Duration parse(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Duration duration = trimmed.startsWith("p") ? parseIso(trimmed) : parseSimple(trimmed);
        if (duration.isNegative() || duration.isZero() || duration.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(SYNTAX);
        }
        return duration;
    }

    private static Duration parseSimple(String text) {
        Matcher m = SIMPLE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(SYNTAX);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static Duration parseIso(String text) {
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(SYNTAX, e);
        }
    }

    /** The shortest form that {@link #parse} reads back: {@code 1h}, {@code 90s}, {@code 250ms}. */
    static String format(Duration duration) {
        long ms = duration.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }
}
