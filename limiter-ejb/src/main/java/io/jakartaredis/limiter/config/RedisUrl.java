package io.jakartaredis.limiter.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code redis://[[user]:password@]host[:port][/database]}, {@code redis://password@host…}
 * or {@code rediss://…} URL.
 *
 * <p>A password may hold {@code /}, {@code @}, {@code ?} or {@code #} unencoded, and a URL may
 * (wrongly) carry a query with an {@code @}, so the user information ends at the <em>first</em>
 * {@code @} that is followed by a well-formed server part to the end of the URL:
 * {@code host[:port][/database]} and, rejected but recognised, a query or fragment. So
 * {@code redis://:p@ss@h} is host {@code h}, and {@code redis://:pw@h:6379/0?name=a@b} is refused
 * for its query rather than read as host {@code b}. (A raw password holding an {@code @} followed by
 * such a server part and {@code ?} or {@code #} is refused too: percent-encode its {@code @} as
 * {@code %40}.) The user information is percent-decoded (RFC 3986: {@code +} stays {@code +}).
 *
 * <p>No message ever quotes anything after {@code ://}: an invalid URL is shown as
 * {@code redis://****} with a hint of what is wrong.
 *
 * @param tls      whether the scheme is {@code rediss}
 * @param user     the decoded user, or {@code null}
 * @param password the decoded password, or {@code null}
 * @param host     host name or address, an IPv6 address without its brackets
 * @param port     TCP port, 6379 when absent
 * @param database logical database, 0 when absent
 */
record RedisUrl(boolean tls, String user, String password, String host, int port, int database) {

    static final String RULE = "expected redis://[user:password@]host[:port][/database] or rediss://… for TLS";

    private static final String SCHEME_END = "://";
    private static final String HIDDEN = "****";
    private static final int DEFAULT_PORT = 6379;
    /** Schemes shown in messages; any other text before {@code ://} might be a secret typed in the wrong place. */
    private static final List<String> KNOWN_SCHEMES = List.of("redis", "rediss", "valkey", "valkeys", "http", "https",
            "tcp", "unix", "redis-sentinel", "sentinel");
    private static final String HOST = "(?<host>[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])";
    /**
     * host (DNS name, IPv4, or [IPv6]), port, database, then a query or fragment that is refused.
     * Strict (digits only) so that a part of a raw password is hardly ever taken for it.
     */
    private static final Pattern SERVER = Pattern.compile(HOST + "(?::(?<port>\\d{0,5}))?(?<database>/\\d{0,5})?(?<extra>[?#].*)?",
            Pattern.DOTALL);
    /** As {@link #SERVER} with any port and database, only to say which of them is wrong. */
    private static final Pattern LOOSE_SERVER = Pattern.compile(HOST + "(?::(?<port>[^/?#@]*))?(?<database>/[^?#@]*)?");

    /**
     * @param property the property the URL came from, for errors
     * @throws InvalidConfigurationException naming the property, quoting the URL as {@code scheme://****}
     */
    static RedisUrl parse(String property, String text) {
        int schemeEnd = text.indexOf(SCHEME_END);
        String scheme = schemeEnd < 0 ? "" : text.substring(0, schemeEnd);
        if (!scheme.equalsIgnoreCase("redis") && !scheme.equalsIgnoreCase("rediss")) {
            throw invalid(property, text, RULE);
        }
        String rest = text.substring(schemeEnd + SCHEME_END.length());
        int serverStart = serverStart(rest);
        if (serverStart < 0) {
            throw invalid(property, text, RULE + "; " + whatIsWrong(property, text, rest));
        }
        Matcher server = SERVER.matcher(rest.substring(serverStart));
        server.matches();
        if (server.group("extra") != null) {
            throw invalid(property, text, RULE + "; a query or fragment (? or #) is not supported");
        }
        String[] userAndPassword = serverStart == 0 ? new String[2]
                : userAndPassword(property, text, rest.substring(0, serverStart - 1));
        String host = server.group("host");
        return new RedisUrl(scheme.equalsIgnoreCase("rediss"), userAndPassword[0], userAndPassword[1],
                host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                port(property, text, server.group("port")), database(property, text, server.group("database")));
    }

    /**
     * Where the server part starts: 0 without user information, else just after the first {@code @}
     * that a well-formed server part follows to the end; -1 when none does.
     */
    private static int serverStart(String rest) {
        if (SERVER.matcher(rest).matches()) {
            return 0;
        }
        for (int at = rest.indexOf('@'); at >= 0; at = rest.indexOf('@', at + 1)) {
            if (SERVER.matcher(rest.substring(at + 1)).matches()) {
                return at + 1;
            }
        }
        return -1;
    }

    /** A hint for a server part that is not well-formed; never quotes it. */
    private static String whatIsWrong(String property, String url, String rest) {
        String server = rest.substring(rest.lastIndexOf('@') + 1);
        if (server.isEmpty()) {
            return "the host is missing";
        }
        Matcher loose = LOOSE_SERVER.matcher(server);
        if (loose.matches()) {
            port(property, url, loose.group("port"));
            database(property, url, loose.group("database"));
        }
        return rest.indexOf('@') < 0 ? "no valid host[:port][/database], and no @ ends a user information"
                : "no valid host[:port][/database] follows the user information (an @ in it may be written %40)";
    }

    /**
     * The URL as messages show it: its scheme and {@code ://****}, nothing of what follows, which may
     * hold a password wherever a typo put the {@code @}; an unknown scheme is hidden too.
     */
    static String redact(String url) {
        int schemeEnd = url.indexOf(SCHEME_END);
        if (schemeEnd < 0) {
            return HIDDEN;
        }
        String scheme = url.substring(0, schemeEnd);
        return (KNOWN_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT)) ? scheme : HIDDEN) + SCHEME_END + HIDDEN;
    }

    private static int port(String property, String url, String port) {
        if (port == null || port.isEmpty()) {
            return DEFAULT_PORT;
        }
        int number = port.matches("\\d{1,5}") ? Integer.parseInt(port) : -1;
        if (number < 1 || number > 65_535) {
            throw invalid(property, url, RULE + "; the port is 1 to 65535");
        }
        return number;
    }

    private static int database(String property, String url, String path) {
        if (path == null || path.equals("/")) {
            return 0;
        }
        if (!path.matches("/\\d{1,5}")) {
            throw invalid(property, url, RULE + "; the database is a number");
        }
        return Integer.parseInt(path.substring(1));
    }

    /**
     * {user, password}; either may be null. {@code redis://:secret@host} and, as Lettuce and Spring
     * read it, {@code redis://secret@host} have a password only.
     */
    private static String[] userAndPassword(String property, String url, String userInfo) {
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? null : userInfo.substring(0, colon);
        String password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
        try {
            return new String[] {emptyToNull(PercentDecoding.decode(user)), emptyToNull(PercentDecoding.decode(password))};
        } catch (IllegalArgumentException e) {
            throw invalid(property, url, "the user and password are percent-encoded (RFC 3986): " + e.getMessage());
        }
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static InvalidConfigurationException invalid(String property, String url, String rule) {
        return new InvalidConfigurationException(property, redact(url), rule);
    }

    /** Never the password. */
    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + (user == null && password == null ? "" : HIDDEN + "@")
                + new RedisNode(host, port) + "/" + database;
    }
}
