package io.jakartaredis.limiter.keys;

import java.util.regex.Pattern;

/**
 * How a call's client key is chosen: {@code ip}, {@code principal}, {@code header:<Name>} or
 * {@code global}. Parsed once at deployment; resolution against a request happens in the adapters.
 */
public sealed interface KeyStrategy {

    String SYNTAX = "expected ip, principal, global or header:<Name>";

    /** The client's address, trusted-proxy aware. */
    record Ip() implements KeyStrategy {
        @Override
        public String toString() {
            return "ip";
        }
    }

    /** The caller principal's name; anonymous callers fall back to their address. */
    record Principal() implements KeyStrategy {
        @Override
        public String toString() {
            return "principal";
        }
    }

    /** The value of a request header; absent, the client's address. */
    record Header(String name) implements KeyStrategy {
        @Override
        public String toString() {
            return "header:" + name;
        }
    }

    /** One bucket shared by every caller. */
    record Global() implements KeyStrategy {
        @Override
        public String toString() {
            return "global";
        }
    }

    /**
     * Parses a strategy.
     *
     * @throws IllegalArgumentException stating the valid forms
     */
    static KeyStrategy parse(String text) {
        String trimmed = text.strip();
        switch (trimmed) {
            case "ip":
                return new Ip();
            case "principal":
                return new Principal();
            case "global":
                return new Global();
            default:
                break;
        }
        if (trimmed.startsWith("header:") && HeaderName.TOKEN.matcher(trimmed.substring(7)).matches()) {
            return new Header(trimmed.substring(7));
        }
        throw new IllegalArgumentException(SYNTAX);
    }

    /** RFC 9110 field-name syntax. */
    final class HeaderName {
        static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");

        private HeaderName() {
        }
    }
}
