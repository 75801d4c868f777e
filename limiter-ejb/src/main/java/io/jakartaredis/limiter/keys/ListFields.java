package io.jakartaredis.limiter.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * The list and quoted-string syntax of HTTP fields (RFC 9110 section 5.6), enough to take
 * {@code Forwarded} and {@code X-Forwarded-For} apart. Whitespace means only space and tab here,
 * as in the RFC's {@code OWS}: other characters, Unicode spaces included, are content.
 */
final class ListFields {

    private ListFields() {
    }

    /**
     * The parts between {@code delimiter}s outside quoted strings. An unterminated quoted string
     * runs to the end of the text, so that its part is malformed rather than split.
     */
    static List<String> split(String text, char delimiter) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(Math.min(start, text.length())));
        return parts;
    }

    /** The text without leading and trailing spaces and tabs. */
    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isOws(text.charAt(start))) {
            start++;
        }
        while (end > start && isOws(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    static boolean isBlank(String text) {
        return trim(text).isEmpty();
    }

    /**
     * The content of a quoted string with its {@code \}-escapes resolved; a token as it is;
     * {@code null} for a malformed quoted string (unterminated, or a quote inside).
     */
    static String unquote(String value) {
        if (!value.startsWith("\"")) {
            return value;
        }
        StringBuilder content = new StringBuilder(value.length());
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                return i == value.length() - 1 ? content.toString() : null;
            }
            if (c == '\\') {
                i++;
                if (i == value.length()) {
                    return null;
                }
                c = value.charAt(i);
            }
            content.append(c);
        }
        return null;
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }
}
