package io.jakartaredis.limiter.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@code limiter.redis.*} (topology and TLS: {@link TopologyReader}), falling back to the Go
 * middleware's {@code REDIS_CONN_ADDRESS} and {@code REDIS_PASSWORD}.
 */
final class RedisConfigReader {

    static final String URL = "limiter.redis.url";
    static final String USER = "limiter.redis.user";
    static final String PASSWORD = "limiter.redis.password";
    static final String TIMEOUT = "limiter.redis.timeout";
    static final String POOL_MAX_TOTAL = "limiter.redis.pool.max-total";
    static final String POOL_MAX_WAIT = "limiter.redis.pool.max-wait";
    static final String LEGACY_ADDRESS = "REDIS_CONN_ADDRESS";
    static final String LEGACY_PASSWORD = "REDIS_PASSWORD";

    static final String DEFAULT_URL = "redis://localhost:6379";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(300);
    static final int DEFAULT_POOL_MAX_TOTAL = 10;

    private static final String URL_RULE = "expected redis://[user:password@]host[:port][/database] or rediss://… for TLS";

    private RedisConfigReader() {
    }

    static RedisConfig read(Property property) {
        RedisTopology topology = TopologyReader.topology(property, URL);
        Optional<String> url = property.text(URL);
        String source = url.isPresent() ? URL : LEGACY_ADDRESS;
        String text = topology instanceof RedisTopology.Standalone
                ? url.or(() -> property.text(LEGACY_ADDRESS).map(RedisConfigReader::asUrl)).orElse(DEFAULT_URL)
                : firstNodeUrl(topology);
        URI uri = parseUrl(source, text);

        String[] userInfo = userInfo(uri);
        String user = property.text(USER).orElse(userInfo[0]);
        String password = property.text(PASSWORD)
                .or(() -> Optional.ofNullable(userInfo[1]))
                .or(() -> url.isPresent() ? Optional.empty() : property.text(LEGACY_PASSWORD))
                .orElse(null);
        boolean tls = TopologyReader.tls(property, "rediss".equals(uri.getScheme()));

        Duration timeout = property.duration(TIMEOUT, DEFAULT_TIMEOUT);
        int poolMaxTotal = property.positiveInt(POOL_MAX_TOTAL, DEFAULT_POOL_MAX_TOTAL);
        Duration poolMaxWait = property.duration(POOL_MAX_WAIT, timeout);
        return new RedisConfig(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort(), database(source, text, uri),
                user, password, tls, timeout, poolMaxTotal, poolMaxWait, topology,
                TopologyReader.tlsTrust(property, tls));
    }

    /** Sentinel and Cluster have no URL: host and port are the first node's, for messages. */
    private static String firstNodeUrl(RedisTopology topology) {
        RedisNode first = topology instanceof RedisTopology.Cluster cluster
                ? cluster.seeds().get(0) : ((RedisTopology.Sentinel) topology).sentinels().get(0);
        return "redis://" + first;
    }

    /** The Go middleware gave {@code host:port}. */
    private static String asUrl(String address) {
        return address.contains("://") ? address : "redis://" + address;
    }

    private static URI parseUrl(String property, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(property, redact(text), URL_RULE);
        }
        boolean knownScheme = "redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme());
        if (!knownScheme || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new InvalidConfigurationException(property, redact(text), URL_RULE);
        }
        return uri;
    }

    private static int database(String property, String text, URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.isEmpty() || path.equals("/")) {
            return 0;
        }
        if (!path.matches("/\\d{1,5}")) {
            throw new InvalidConfigurationException(property, redact(text), URL_RULE + "; the database is a number");
        }
        return Integer.parseInt(path.substring(1));
    }

    /** {user, password}; either may be null. {@code redis://:secret@host} has a password only. */
    private static String[] userInfo(URI uri) {
        String info = uri.getRawUserInfo();
        if (info == null) {
            return new String[] {null, null};
        }
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        String password = colon < 0 ? null : info.substring(colon + 1);
        return new String[] {blankToNull(decode(user)), blankToNull(decode(password))};
    }

    private static String decode(String text) {
        return text == null ? null : URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** Error messages quote the URL without its password. */
    static String redact(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1****@");
    }
}
