package io.jakartaredis.limiter.web;

/**
 * Serializes the few Structured Field Values (RFC 9651) that the {@code RateLimit} fields use.
 * Serialization fails, as the RFC says it must, rather than emit an invalid field.
 */
final class StructuredFields {

    /** Integers have at most 15 digits. */
    static final long MAX_INTEGER = 999_999_999_999_999L;

    private StructuredFields() {
    }

    /**
     * An sf-string: in double quotes, with {@code "} and {@code \} escaped.
     *
     * @throws IllegalArgumentException for characters outside printable ASCII (0x20 to 0x7E)
     */
    static String string(String value) {
        StringBuilder text = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("an sf-string holds printable ASCII only, not U+"
                        + String.format("%04X", (int) c) + " in \"" + value + "\"");
            }
            if (c == '"' || c == '\\') {
                text.append('\\');
            }
            text.append(c);
        }
        return text.append('"').toString();
    }

    /**
     * An sf-integer.
     *
     * @throws IllegalArgumentException beyond 15 digits
     */
    static String integer(long value) {
        return Long.toString(checkedInteger(value));
    }

    /**
     * {@code value}, to be written as an sf-integer as it is ({@link StringBuilder#append(long)}).
     *
     * @throws IllegalArgumentException beyond 15 digits
     */
    static long checkedInteger(long value) {
        if (value < -MAX_INTEGER || value > MAX_INTEGER) {
            throw new IllegalArgumentException("an sf-integer has at most 15 digits, was " + value);
        }
        return value;
    }
}
