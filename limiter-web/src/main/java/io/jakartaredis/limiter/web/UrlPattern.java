package io.jakartaredis.limiter.web;

/**
 * A servlet URL pattern (Jakarta Servlet 6.0, section 12.2), matched against the request's path
 * inside the application ({@code getServletPath() + getPathInfo()}), which the container has
 * already decoded and normalized, so that {@code /api/../login} or {@code /login;x=1} cannot
 * slip past a rule for {@code /login}.
 *
 * @param kind  how the pattern matches
 * @param value the exact path, the prefix without {@code /*}, or the extension without {@code *.}
 */
record UrlPattern(Kind kind, String value) {

    static final String SYNTAX = "expected a servlet URL pattern: /exact/path, /prefix/*, *.extension, or / for every request";

    /** The four forms of servlet URL patterns. */
    enum Kind {
        /** {@code /} or {@code /*}: every request. */
        EVERY,
        /** {@code /login}: that path only. */
        EXACT,
        /** {@code /api/*}: {@code /api} and everything below it. */
        PREFIX,
        /** {@code *.json}: paths whose last segment ends in {@code .json}. */
        EXTENSION
    }

    /** @throws IllegalArgumentException stating the valid forms */
    static UrlPattern parse(String text) {
        boolean printable = text.chars().allMatch(c -> c > 0x20 && c != 0x7f);
        if (!printable) {
            throw new IllegalArgumentException(SYNTAX + "; no spaces or control characters");
        }
        if (text.equals("/") || text.equals("/*")) {
            return new UrlPattern(Kind.EVERY, "");
        }
        if (text.startsWith("*.") && text.length() > 2 && text.indexOf('/') < 0 && text.indexOf('*', 1) < 0
                && text.indexOf('.', 2) < 0) {
            return new UrlPattern(Kind.EXTENSION, text.substring(2));
        }
        if (text.startsWith("/") && text.endsWith("/*") && text.indexOf('*') == text.length() - 1) {
            return new UrlPattern(Kind.PREFIX, text.substring(0, text.length() - 2));
        }
        if (text.startsWith("/") && text.indexOf('*') < 0) {
            return new UrlPattern(Kind.EXACT, text);
        }
        throw new IllegalArgumentException(SYNTAX);
    }

    /** @param path the path inside the application, starting with {@code /} */
    boolean matches(String path) {
        return switch (kind) {
            case EVERY -> true;
            case EXACT -> path.equals(value);
            case PREFIX -> path.startsWith(value) && (path.length() == value.length() || path.charAt(value.length()) == '/');
            case EXTENSION -> {
                String lastSegment = path.substring(path.lastIndexOf('/') + 1);
                yield lastSegment.endsWith("." + value);
            }
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EVERY -> "/*";
            case EXACT -> value;
            case PREFIX -> value + "/*";
            case EXTENSION -> "*." + value;
        };
    }
}
