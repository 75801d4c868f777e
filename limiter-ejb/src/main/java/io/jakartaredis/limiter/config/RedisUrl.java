package io.jakartaredis.limiter.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A parsed {@code redis://[user:password@]host[:port][/database]} or {@code rediss://…} URL.
 * The user information is everything between {@code ://} and the <em>last</em> {@code @}, so a
 * password may hold {@code /}, {@code @}, {@code ?} or {@code #} even unencoded; it is
 * percent-decoded (RFC 3986: {@code +} stays {@code +}). No message ever quotes it.
 *
 * @param tls      whether the scheme is {@code rediss}
 * @param user     the decoded user, or {@code null}
 * @param password the decoded password, or {@code null}
 * @param host     host name or address
 * @param port     TCP port, 6379 when absent
 * @param database logical database, 0 when absent
 */
record RedisUrl(boolean tls, String user, String password, String host, int port, int database) {

    static final String RULE = "expected redis://[user:password@]host[:port][/database] or rediss://… for TLS";

    private static final String SCHEME_END = "://";
    private static final String HIDDEN = "****";
    private static final int DEFAULT_PORT = 6379;

    /**
     * @param property the property the URL came from, for errors
     * @throws InvalidConfigurationException naming the property and quoting the URL without its user information
     */
    static RedisUrl parse(String property, String text) {
        int schemeEnd = text.indexOf(SCHEME_END);
        String scheme = schemeEnd < 0 ? "" : text.substring(0, schemeEnd);
        if (!scheme.equalsIgnoreCase("redis") && !scheme.equalsIgnoreCase("rediss")) {
            throw invalid(property, text, RULE);
        }
        String rest = text.substring(schemeEnd + SCHEME_END.length());
        int at = rest.lastIndexOf('@');
        URI server = server(property, text, rest.substring(at + 1));
        String[] userAndPassword = at < 0 ? new String[2] : userAndPassword(property, text, rest.substring(0, at));
        return new RedisUrl(scheme.equalsIgnoreCase("rediss"), userAndPassword[0], userAndPassword[1],
                server.getHost(), port(property, text, server), database(property, text, server));
    }

    /** The URL without its user information, for messages: everything between {@code ://} and the last {@code @}. */
    static String redact(String url) {
        int schemeEnd = url.indexOf(SCHEME_END);
        int start = schemeEnd < 0 ? 0 : schemeEnd + SCHEME_END.length();
        int at = url.lastIndexOf('@');
        return at < start ? url : url.substring(0, start) + HIDDEN + url.substring(at);
    }

    /** {@code host[:port][/database]}, which holds no secret, parsed by {@link URI}. */
    private static URI server(String property, String url, String hostPortDatabase) {
        URI uri;
        try {
            uri = new URI("redis://" + hostPortDatabase);
        } catch (URISyntaxException e) {
            throw invalid(property, url, RULE);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw invalid(property, url, RULE);
        }
        return uri;
    }

    private static int port(String property, String url, URI server) {
        int port = server.getPort();
        if (port == -1) {
            return DEFAULT_PORT;
        }
        if (port < 1 || port > 65_535) {
            throw invalid(property, url, RULE + "; the port is 1 to 65535");
        }
        return port;
    }

    private static int database(String property, String url, URI server) {
        String path = server.getPath() == null ? "" : server.getPath();
        if (path.isEmpty() || path.equals("/")) {
            return 0;
        }
        if (!path.matches("/\\d{1,5}")) {
            throw invalid(property, url, RULE + "; the database is a number");
        }
        return Integer.parseInt(path.substring(1));
    }

    /** {user, password}; either may be null. {@code redis://:secret@host} has a password only. */
    private static String[] userAndPassword(String property, String url, String userInfo) {
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String password = colon < 0 ? null : userInfo.substring(colon + 1);
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
        return (tls ? "rediss://" : "redis://") + (user == null && password == null ? "" : HIDDEN + "@") + host + ":"
                + port + "/" + database;
    }
}
