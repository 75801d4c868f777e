package io.jakartaredis.limiter.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * The list and quoted-string syntax of HTTP fields (RFC 9110 section 5.6), enough to take
 * {@code Forwarded} and {@code X-Forwarded-For} apart. Whitespace means only space and tab here,
 * as in the RFC's {@code OWS}: other characters, Unicode spaces included, are content.
 */
final class ListFields {

    /** Returned by {@link #lastElementStart} for an element longer than its limit. */
    static final int BEYOND_LIMIT = Integer.MIN_VALUE;

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

    /**
     * Where the last comma-separated element of {@code text[0, end)} begins: the index of the
     * comma before it, or -1 at the start of the text (counted as one character);
     * {@link #BEYOND_LIMIT} when the element and its comma are longer than {@code limit}. Read
     * from {@code end} leftwards, never further than {@code limit} characters, so that a huge line
     * costs no more than a short one. With
     * {@code quotes}, commas inside quoted strings do not count; a quote preceded by an odd number
     * of backslashes is escaped.
     */
    static int lastElementStart(CharSequence text, int end, boolean quotes, int limit) {
        boolean quoted = false;
        for (int i = end - 1; i >= 0; i--) {
            if (end - i > limit) {
                return BEYOND_LIMIT;
            }
            char c = text.charAt(i);
            if (quotes && c == '"' && quoted) {
                int backslashes = backslashesBefore(text, i, end - limit);
                if (backslashes < 0) {
                    return BEYOND_LIMIT;
                }
                quoted = backslashes % 2 == 1;
            } else if (quotes && c == '"') {
                quoted = true;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return end + 1 > limit ? BEYOND_LIMIT : -1;
    }

    /**
     * How many backslashes run up to {@code text[at]}, reading no further left than {@code floor};
     * -1 when the run reaches past it. The element then has no comma within the limit either
     * way, escaped quote or not, so its parity need not be known.
     */
    private static int backslashesBefore(CharSequence text, int at, int floor) {
        int i = at - 1;
        while (i >= 0 && text.charAt(i) == '\\') {
            if (i < floor) {
                return -1;
            }
            i--;
        }
        return at - 1 - i;
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
